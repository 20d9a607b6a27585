/// Per-run limits enforced by `plan` and again by `apply`.
public struct GuardLimits: Sendable, Hashable, Codable {
    /// The most deactivations and deletions in one run; 5 by default (`--max-deactivations` overrides).
    public var maxDeactivations: Int
    /// The most rotations started in one run; `nil` for no limit.
    public var maxRotations: Int?

    /// The default for ``maxDeactivations``.
    public static let defaultMaxDeactivations = 5

    /// Creates limits.
    public init(maxDeactivations: Int = GuardLimits.defaultMaxDeactivations, maxRotations: Int? = nil) {
        self.maxDeactivations = maxDeactivations
        self.maxRotations = maxRotations
    }
}
