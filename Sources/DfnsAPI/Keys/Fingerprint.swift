import Crypto
import Foundation

/// Fingerprints: `sha256:` and the first 16 hex digits of a SHA-256 digest.
///
/// Plans, reports and logs carry fingerprints instead of key or secret values.
public enum Fingerprint {
    /// The fingerprint of arbitrary bytes: a public key's SPKI DER, or a secret's UTF-8 bytes.
    public static func of(_ bytes: some DataProtocol) -> String {
        let digest = SHA256.hash(data: Data(bytes))
        return "sha256:" + String(Hex.encode(digest).prefix(16))
    }

    /// The fingerprint of a secret string (for example a webhook secret), over its UTF-8 bytes.
    public static func ofSecret(_ secret: String) -> String {
        of(Data(secret.utf8))
    }
}
