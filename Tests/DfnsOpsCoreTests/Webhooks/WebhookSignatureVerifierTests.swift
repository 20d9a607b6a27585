import DfnsAPI
import DfnsOpsCore
import Foundation
import Testing

@Suite("Webhook signature verification during a rotation")
struct WebhookSignatureVerifierTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let candidates = [
        WebhookSignatureVerifier.Candidate(label: "current", secret: "whs-new-secret"),
        WebhookSignatureVerifier.Candidate(label: "previous", secret: "whs-old-secret"),
    ]

    static func body(sentAt: TimeInterval) -> Data {
        Data(
            #"{"id":"whe-1","kind":"wallet.created","date":"2027-01-15T08:00:00Z","data":{},"deliveryAttempt":1,"timestampSent":\#(Int(sentAt))}"#
                .utf8)
    }

    @Test("a delivery signed with either held secret is accepted, and says which")
    func acceptsCurrentAndPrevious() {
        let body = Self.body(sentAt: Self.now.timeIntervalSince1970 - 10)
        for (secret, label) in [("whs-new-secret", "current"), ("whs-old-secret", "previous")] {
            let header = WebhookSignature.header(secret: secret, body: body)
            #expect(
                WebhookSignatureVerifier.verify(
                    body: body, signatureHeader: header, candidates: Self.candidates, now: Self.now)
                    == .accepted(label: label))
        }
    }

    @Test("an unknown secret, a tampered body, a missing header and a stale timestamp are refused")
    func refusals() {
        let body = Self.body(sentAt: Self.now.timeIntervalSince1970)
        let foreign = WebhookSignature.header(secret: "whs-someone-else", body: body)
        let good = WebhookSignature.header(secret: "whs-new-secret", body: body)
        let tampered = Data(
            String(decoding: body, as: UTF8.self).replacingOccurrences(of: "wallet", with: "vault").utf8)
        let stale = Self.body(sentAt: Self.now.timeIntervalSince1970 - 301)
        let staleHeader = WebhookSignature.header(secret: "whs-new-secret", body: stale)
        let cases: [(Data, String?)] = [
            (body, foreign), (tampered, good), (body, nil), (body, "md5=abc"), (stale, staleHeader),
        ]
        for (data, header) in cases {
            let verdict = WebhookSignatureVerifier.verify(
                body: data, signatureHeader: header, candidates: Self.candidates, now: Self.now)
            guard case .rejected(let reason) = verdict else {
                Issue.record("expected a refusal for header \(header ?? "nil")")
                continue
            }
            #expect(!reason.contains("whs-"), "a refusal never names a secret")
        }
    }
}
