import DfnsAPI
import Foundation

/// A call held for approval, and what became of it.
public struct ApprovalRecord: Codable, Sendable, Equatable {
    /// `Pending`, `Approved`, `Rejected` or `Failed` (approved, but the call then failed).
    public var status: String
    /// The approval id (`ap-…`).
    public var id: String
    /// The organisation of the caller.
    public var orgId: String
    /// Who made the call.
    public var initiatorId: String
    /// The held call's method.
    public var method: String
    /// The held call's path.
    public var path: String
    /// The held call's JSON body, if any.
    public var body: JSONValue?
    /// When the call was held.
    public var dateCreated: String
    /// When it was approved or rejected.
    public var dateResolved: String?
    /// After approval: the status the call would have answered.
    public var resultStatus: Int?
    /// After approval: the body the call would have answered.
    public var result: JSONValue?

    /// The 202 body the caller receives.
    var pendingBody: JSONValue {
        .object([
            "id": .string(id), "status": .string(status), "initiatorId": .string(initiatorId),
            "activityKind": .string("\(method) \(path)"), "dateCreated": .string(dateCreated),
            "message": .string("Operation triggered a policy pending approval"),
        ])
    }
}
