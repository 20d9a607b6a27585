/// What a mutating call achieved: done, or held by a policy for approval (HTTP 202), which is neither
/// success nor failure.
public enum MutationOutcome<Value: Sendable>: Sendable {
    /// The change was made; the server's response.
    case done(Value)
    /// A policy holds the change for approval; nothing has changed yet (reference §2.5).
    case pendingApproval(PendingApproval)

    /// The response when the change was made, or nil when it awaits approval.
    public var value: Value? {
        if case .done(let value) = self { return value }
        return nil
    }

    /// The pending approval, or nil when the change was made.
    public var pendingApproval: PendingApproval? {
        if case .pendingApproval(let approval) = self { return approval }
        return nil
    }

    /// Transforms the response of a completed change.
    public func map<Other: Sendable>(_ transform: (Value) throws -> Other) rethrows -> MutationOutcome<Other> {
        switch self {
        case .done(let value): .done(try transform(value))
        case .pendingApproval(let approval): .pendingApproval(approval)
        }
    }
}

extension MutationOutcome: Equatable where Value: Equatable {}
