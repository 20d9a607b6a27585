/// The safety guards of architecture.md, each checked by `plan` and again by `apply`.
public enum GuardName: String, Sendable, Hashable, Codable, CaseIterable {
    /// Never deactivate the operator's own signing credential before its replacement is stored and verified.
    case operatorCredential = "operator_credential"
    /// Every managed principal keeps at least one active credential, and at most two during a rotation.
    case activeCredentialCount = "active_credential_count"
    /// `protect: true` objects are never deactivated or deleted.
    case protected
    /// At most `maxDeactivations` deactivations or deletions per run.
    case maxDeactivations = "max_deactivations"
    /// At most `maxRotations` rotations start per run; the oldest go first.
    case maxRotations = "max_rotations"
    /// An empty desired set never prunes anything.
    case emptyDesiredSet = "empty_desired_set"
    /// `observe` and `frozen` management modes bound what may change.
    case managementMode = "management_mode"
    /// A webhook's old secret is retired only after its receiver accepted the new one.
    case receiverVerified = "receiver_verified"
    /// A rollback needs the previous generation in the store and in Dfns (a deleted credential or webhook cannot
    /// return).
    case rollbackPossible = "rollback_possible"
}

/// One guard's verdict on one action.
public struct GuardCheck: Sendable, Hashable, Codable {
    public var guardName: GuardName
    public var passed: Bool
    /// Why it passed or blocked, in words.
    public var message: String

    public init(_ guardName: GuardName, passed: Bool, message: String) {
        self.guardName = guardName
        self.passed = passed
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case guardName = "guard"
        case passed
        case message
    }
}
