import DfnsAPI

/// The signing key of a service account or PAT: its algorithm and rotation.
public struct KeySpec: Sendable, Hashable, Codable {
    /// The algorithm of generated keys; `ecdsa-p256` by default.
    public var algorithm: KeyAlgorithm
    /// When and how the key rotates.
    public var rotation: RotationPolicy
    /// True when the principal must have no active Key credential besides the ones dfnsops registered: the plan
    /// then lists each other one as a deactivation. False (the default) reports them and leaves them alone.
    public var exclusive: Bool

    /// Creates a key spec.
    public init(
        algorithm: KeyAlgorithm = .ecdsaP256, rotation: RotationPolicy = RotationPolicy(), exclusive: Bool = false
    ) {
        self.algorithm = algorithm
        self.rotation = rotation
        self.exclusive = exclusive
    }
}
