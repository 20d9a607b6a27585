import DfnsAPI

/// The signing key of a service account or PAT: its algorithm and rotation.
public struct KeySpec: Sendable, Hashable, Codable {
    /// The algorithm of generated keys; `ecdsa-p256` by default.
    public var algorithm: KeyAlgorithm
    /// When and how the key rotates.
    public var rotation: RotationPolicy

    /// Creates a key spec.
    public init(algorithm: KeyAlgorithm = .ecdsaP256, rotation: RotationPolicy = RotationPolicy()) {
        self.algorithm = algorithm
        self.rotation = rotation
    }
}
