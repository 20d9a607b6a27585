import Crypto
import DfnsAPI
import Foundation

/// The `X-DFNS-WEBHOOK-SIGNATURE` header: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed by the secret.
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-DFNS-WEBHOOK-SIGNATURE"

    /// The header value for `body` signed with `secret`.
    public static func header(secret: String, body: some DataProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Hex.encode(mac)
    }

    /// Whether `header` is the signature of `body` under `secret`, compared in constant time.
    public static func isValid(header: String, secret: String, body: some DataProtocol) -> Bool {
        guard header.hasPrefix("sha256="), let mac = Hex.decode(String(header.dropFirst("sha256=".count))) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: Data(body), using: SymmetricKey(data: Data(secret.utf8)))
    }
}
