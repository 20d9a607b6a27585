/// What happens to objects dfnsops owns (by marker or adoption) once no manifest declares them.
public struct PrunePolicy: Sendable, Hashable, Codable {
    /// The action taken.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// Leave them alone; they are reported as unmanaged. The default.
        case none
        /// Deactivate service accounts and PATs; disable webhooks.
        case deactivate
        /// Delete them.
        case delete
    }

    /// The action taken.
    public var mode: Mode
    /// The kinds the policy applies to; service accounts, PATs and webhooks by default.
    public var kinds: [ManifestKind]

    /// The kinds that can be pruned.
    public static let prunableKinds: [ManifestKind] = [.serviceAccount, .personalAccessToken, .webhook]

    /// Creates a policy.
    public init(mode: Mode = .none, kinds: [ManifestKind] = PrunePolicy.prunableKinds) {
        self.mode = mode
        self.kinds = kinds
    }
}
