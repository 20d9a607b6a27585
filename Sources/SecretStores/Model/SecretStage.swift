/// A stage label on a version of a secret-store entry.
public enum SecretStage: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Written and durable, not yet in use (for example, a key not yet registered or verified with Dfns).
    case pending
    /// In use.
    case current
    /// Replaced by a newer current version; kept for rollback until dropped.
    case previous

    /// The label as written in stores and listings.
    public var description: String { rawValue }
}
