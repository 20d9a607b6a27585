import Crypto
import DfnsWire
import Foundation

/// The `X-DFNS-WEBHOOK-SIGNATURE` header Dfns signs webhook deliveries with: `sha256=` and the lowercase hex
/// HMAC-SHA256 of the raw body, keyed by the webhook's secret. The emulator signs with it; receivers verify with it.
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-DFNS-WEBHOOK-SIGNATURE"

    /// What the header value starts with.
    public static let prefix = "sha256="

    /// The header value for `body` signed with `secret`.
    public static func header(secret: String, body: some DataProtocol) -> String {
        prefix + Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(body), using: key(secret)))
    }

    /// Whether `header` is the signature of `body` under `secret` (hex in either case), compared in constant time.
    public static func isValid(header: String, secret: String, body: some DataProtocol) -> Bool {
        guard header.hasPrefix(prefix), let mac = Hex.decode(String(header.dropFirst(prefix.count))) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(body), using: key(secret))
    }

    private static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: Data(secret.utf8))
    }
}
