/// How a service account's or PAT's key is rotated.
public enum RotationStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Register a new credential on the same principal, signed by the old one. The default.
    case rekey
    /// Create a new principal (new token and key), then retire the old one after the overlap.
    case replace
}
