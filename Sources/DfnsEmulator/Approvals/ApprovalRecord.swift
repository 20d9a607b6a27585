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
    /// For a held assignment or revocation of a permission: what it changes (the `Permissions:Assign` activity of
    /// `GET /v2/policy-approvals`).
    public var change: HeldAssignmentChange?

    /// How `GET /v2/policy-approvals` lists it: a `Permissions:Assign` activity; nil for a call the Dfns policy
    /// engine does not describe (the emulator may hold any mutating call; Dfns policies govern assignments).
    var policyApproval: PolicyApproval? {
        guard let change else { return nil }
        let (approvalStatus, changeStatus) =
            switch status {
            case "Approved": ("Approved", "Applied")
            case "Failed": ("Approved", "Failed")
            case "Rejected": ("Denied", "Rejected")
            default: ("Pending", "Pending")
            }
        var body: [String: JSONValue] = [
            "permissionId": .string(change.permissionId), "identityId": .string(change.identityId),
            "isImmutable": .bool(false),
        ]
        if let assignmentId = change.assignmentId { body["id"] = .string(assignmentId) }
        return PolicyApproval(
            id: id, initiatorId: initiatorId, status: approvalStatus,
            activity: PolicyApproval.Activity(
                kind: "Permissions:Assign",
                changeRequest: PolicyApproval.ChangeRequest(
                    id: "cr-" + id.dropFirst("ap-".count), status: changeStatus, kind: "Assignment",
                    operationKind: change.operationKind, body: .object(body))),
            dateCreated: dateCreated)
    }

    /// The 202 body the caller receives.
    var pendingBody: JSONValue {
        .object([
            "id": .string(id), "status": .string(status), "initiatorId": .string(initiatorId),
            "activityKind": .string("\(method) \(path)"), "dateCreated": .string(dateCreated),
            "message": .string("Operation triggered a policy pending approval"),
        ])
    }
}
