import Crypto
import Foundation

/// Fingerprints identify secret material in plans, reports and listings without revealing it:
/// `sha256:` followed by the first 16 lowercase hex digits of a SHA-256 digest.
///
/// For a private key the digest is over the public key's DER (SPKI), which the caller computes; for a webhook
/// secret it is over the secret's UTF-8 bytes.
public enum SecretFingerprint {
    /// The prefix every fingerprint starts with.
    public static let prefix = "sha256:"

    /// The number of hex digits after the prefix.
    public static let hexDigitCount = 16

    /// Computes the fingerprint of some bytes.
    ///
    /// - Parameter bytes: The bytes to digest (SPKI DER of a public key, or a secret's bytes).
    /// - Returns: `sha256:` + the first 16 hex digits of the SHA-256 digest.
    public static func of<Bytes: DataProtocol>(bytes: Bytes) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return prefix + hex.prefix(hexDigitCount)
    }

    /// Computes the fingerprint of a webhook secret over its UTF-8 bytes.
    ///
    /// - Parameter secret: The webhook secret.
    /// - Returns: The secret's fingerprint.
    public static func ofWebhookSecret(_ secret: String) -> String {
        of(bytes: Array(secret.utf8))
    }

    /// Tells whether a string has the fingerprint form `sha256:` + 16 lowercase hex digits.
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
