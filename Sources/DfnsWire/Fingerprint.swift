import Crypto
import Foundation

/// Fingerprints identify keys and secrets in plans, reports, listings and logs without revealing them:
/// `sha256:` and the first 16 lowercase hex digits of a SHA-256 digest.
///
/// For a key the digest is over its public key's SPKI DER (see `PublicSigningKey.fingerprint` in DfnsAPI); for a
/// webhook secret it is over the secret's UTF-8 bytes. DfnsAPI and SecretStores both compute fingerprints, so the
/// formula lives here, once; SecretStores also calls this type `SecretFingerprint`.
public enum Fingerprint {
    /// The prefix every fingerprint starts with.
    public static let prefix = "sha256:"

    /// The number of hex digits after the prefix.
    public static let hexDigitCount = 16

    /// The fingerprint of some bytes: a public key's SPKI DER, or a secret's bytes.
    ///
    /// - Parameter bytes: The bytes to digest.
    /// - Returns: `sha256:` and the first 16 hex digits of their SHA-256 digest.
    public static func of(_ bytes: some DataProtocol) -> String {
        prefix + Hex.encode(SHA256.hash(data: bytes)).prefix(hexDigitCount)
    }

    /// The fingerprint of a webhook secret, over its UTF-8 bytes.
    ///
    /// - Parameter secret: The webhook secret.
    /// - Returns: The secret's fingerprint.
    public static func ofWebhookSecret(_ secret: String) -> String {
        of(Array(secret.utf8))
    }

    /// Tells whether a string has the fingerprint form `sha256:` and 16 lowercase hex digits.
    ///
    /// - Parameter candidate: The string to check.
    /// - Returns: `true` when the string is a well-formed fingerprint.
    public static func isWellFormed(_ candidate: String) -> Bool {
        guard candidate.hasPrefix(prefix) else { return false }
        let hex = candidate.dropFirst(prefix.count)
        return hex.count == hexDigitCount
            && hex.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
