/// When and how a key or secret rotates.
public struct RotationPolicy: Sendable, Hashable, Codable {
    /// Rotate once the current generation is older than this; `nil` never rotates on age.
    public var maxAge: ManifestDuration?
    /// How long the old and new generation are both active; must be shorter than ``maxAge``.
    public var overlap: ManifestDuration?
    /// How long the previous generation stays in the store after retirement, for rollback.
    public var retain: ManifestDuration?
    /// Any value; changing it forces a rotation on the next apply.
    public var trigger: String?
    /// How a key is replaced (keys only; webhook secrets always rotate by twin).
    public var strategy: RotationStrategy

    /// The overlap used when neither the manifest nor Settings gives one.
    public static let defaultOverlap = ManifestDuration.days(1)
    /// The retention used when neither the manifest nor Settings gives one.
    public static let defaultRetain = ManifestDuration.days(30)

    /// Creates a policy.
    public init(
        maxAge: ManifestDuration? = nil,
        overlap: ManifestDuration? = nil,
        retain: ManifestDuration? = nil,
        trigger: String? = nil,
        strategy: RotationStrategy = .rekey
    ) {
        self.maxAge = maxAge
        self.overlap = overlap
        self.retain = retain
        self.trigger = trigger
        self.strategy = strategy
    }

    /// The overlap to wait: the declared one, else ``defaultOverlap`` capped at half of ``maxAge``.
    public var effectiveOverlap: ManifestDuration {
        if let overlap { return overlap }
        guard let maxAge else { return Self.defaultOverlap }
        return min(Self.defaultOverlap, ManifestDuration(seconds: maxAge.seconds / 2))
    }

    /// The retention to keep: the declared one, else ``defaultRetain``.
    public var effectiveRetain: ManifestDuration { retain ?? Self.defaultRetain }

    /// This policy with every absent field taken from Settings' defaults.
    public func filled(from defaults: RotationDefaults?) -> RotationPolicy {
        guard let defaults else { return self }
        var result = self
        result.maxAge = maxAge ?? defaults.maxAge
        result.overlap = overlap ?? defaults.overlap
        result.retain = retain ?? defaults.retain
        return result
    }
}
