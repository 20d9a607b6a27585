/// The key algorithms dfnsops can generate, named as manifests name them.
public enum KeyAlgorithm: String, Codable, Sendable, CaseIterable {
    case ecdsaP256 = "ecdsa-p256"
    case ed25519 = "ed25519"
    case rsa2048 = "rsa-2048"
    case rsa3072 = "rsa-3072"
    case rsa4096 = "rsa-4096"
}

/// The family of a loaded key, as far as signing is concerned.
public enum KeyFamily: Equatable, Sendable, CustomStringConvertible {
    case ecdsaP256
    case ed25519
    case rsa(bits: Int)

    /// A short human-readable name such as `ECDSA P-256` or `RSA-3072`.
    public var description: String {
        switch self {
        case .ecdsaP256: "ECDSA P-256"
        case .ed25519: "Ed25519"
        case .rsa(let bits): "RSA-\(bits)"
        }
    }
}
