/// Rotation values that Settings gives every key and secret that does not set its own.
public struct RotationDefaults: Sendable, Hashable, Codable {
    /// Default ``RotationPolicy/maxAge``.
    public var maxAge: ManifestDuration?
    /// Default ``RotationPolicy/overlap``.
    public var overlap: ManifestDuration?
    /// Default ``RotationPolicy/retain``.
    public var retain: ManifestDuration?

    /// Creates defaults.
    public init(maxAge: ManifestDuration? = nil, overlap: ManifestDuration? = nil, retain: ManifestDuration? = nil) {
        self.maxAge = maxAge
        self.overlap = overlap
        self.retain = retain
    }
}
