import DfnsAPI
import Foundation

/// Verifies a Dfns webhook delivery the way a receiver should during a secret rotation: the
/// `X-DFNS-WEBHOOK-SIGNATURE` header (``WebhookSignature``) against every secret the store holds for the webhook
/// (current and previous), and `timestampSent` within five minutes of now.
public enum WebhookSignatureVerifier {
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

    /// Verifies one delivery.
    public static func verify(body: Data, signatureHeader: String?, candidates: [Candidate], now: Date) -> Verdict {
        guard let header = signatureHeader?.trimmingCharacters(in: .whitespaces),
            header.hasPrefix(WebhookSignature.prefix)
        else {
            return .rejected(reason: "missing or malformed \(WebhookSignature.headerName) header")
        }
        guard
            let matched = candidates.first(where: {
                WebhookSignature.isValid(header: header, secret: $0.secret, body: body)
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
}
