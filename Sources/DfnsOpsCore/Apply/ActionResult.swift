import Foundation

/// How one action of an apply ended.
public struct ActionResult: Sendable, Hashable, Codable {
    /// The outcome of an action.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// The change was made (or found already made by an earlier run).
        case done
        /// Dfns holds the change for a policy approval; a later apply continues once it is approved.
        case pendingApproval = "pending_approval"
        /// A safety guard blocked it; nothing was sent.
        case blocked
        /// An action it depends on did not finish, so it did not start.
        case skipped
        /// It failed; `message` says why.
        case failed
    }

    /// Why an action was blocked at apply time, for machines.
    public enum BlockReason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The action was about to send a request that none of its planned effects covers.
        case outsidePlan = "outside_plan"
    }

    public var actionId: String
    public var type: ActionType
    public var kind: ManifestKind
    public var name: String
    public var status: Status
    /// The Dfns id of the object acted on, once known.
    public var dfnsId: String?
    /// What happened, in words (never a secret).
    public var message: String
    /// Fingerprints of keys or secrets written to the store, and of the credential that signed, when relevant.
    public var fingerprints: [String: String]
    /// Set when apply itself blocked the action (not a guard the plan already showed).
    public var reason: BlockReason?
    public var startedAt: Date?
    public var durationSeconds: Double?

    public init(
        action: PlannedAction, status: Status, dfnsId: String? = nil, message: String,
        fingerprints: [String: String] = [:], reason: BlockReason? = nil, startedAt: Date? = nil,
        durationSeconds: Double? = nil
    ) {
        actionId = action.id
        type = action.type
        kind = action.kind
        name = action.name
        self.status = status
        self.dfnsId = dfnsId ?? action.dfnsId
        self.message = message
        self.fingerprints = fingerprints
        self.reason = reason
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
    }
}
