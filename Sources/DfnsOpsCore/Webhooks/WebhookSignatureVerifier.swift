import Crypto
import Foundation

/// Verifies a Dfns webhook delivery the way a receiver should during a secret rotation: the
/// `X-DFNS-WEBHOOK-SIGNATURE: sha256=<hex HMAC-SHA256(secret, raw body)>` header against every secret the store
/// holds for the webhook (current and previous), and `timestampSent` within five minutes of now.
public enum WebhookSignatureVerifier {
    /// The header Dfns signs deliveries with.
    public static let headerName = "X-DFNS-WEBHOOK-SIGNATURE"
    /// Deliveries whose `timestampSent` is this far from now or further are refused as replays.
    public static let replayTolerance: TimeInterval = 300

    /// One secret to try, with a label (such as `current` or `previous`) for the verdict.
    public struct Candidate: Sendable {
        public var label: String
        public var secret: String

        public init(label: String, secret: String) {
            self.label = label
            self.secret = secret
        }
    }

    /// The outcome of a verification.
    public enum Verdict: Sendable, Equatable {
        /// The signature matches the secret with this label, and the delivery is fresh.
        case accepted(label: String)
        case rejected(reason: String)
    }

    /// The signature header value for a body and secret: `sha256=<lowercase hex>`.
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Verifies one delivery.
    public static func verify(body: Data, signatureHeader: String?, candidates: [Candidate], now: Date) -> Verdict {
        guard let header = signatureHeader?.trimmingCharacters(in: .whitespaces), header.hasPrefix("sha256=") else {
            return .rejected(reason: "missing or malformed \(headerName) header")
        }
        let received = Array(header.lowercased().utf8)
        guard
            let matched = candidates.first(where: {
                constantTimeEqual(Array(signature(body: body, secret: $0.secret).utf8), received)
            })
        else {
            return .rejected(
                reason: "the signature matches none of the \(candidates.count) secrets held for this webhook")
        }
        struct Timestamp: Decodable { var timestampSent: Double }
        guard let timestamp = try? JSONDecoder().decode(Timestamp.self, from: body) else {
            return .rejected(reason: "the body carries no timestampSent")
        }
        guard abs(now.timeIntervalSince1970 - timestamp.timestampSent) < replayTolerance else {
            return .rejected(reason: "timestampSent is more than 5 minutes from now (a replay, or a skewed clock)")
        }
        return .accepted(label: matched.label)
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
