import DfnsAPI
import Foundation
import Testing

@Suite("Webhook delivery signatures")
struct WebhookSignatureTests {
    static let body = Data("The quick brown fox jumps over the lazy dog".utf8)
    // HMAC-SHA256(key "key", "The quick brown fox jumps over the lazy dog"), a published test vector.
    static let expected = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"

    @Test("the signature is sha256= and the lowercase hex HMAC-SHA256 of the raw body")
    func signatureFormat() {
        #expect(WebhookSignature.header(secret: "key", body: Self.body) == Self.expected)
    }

    @Test("a signature verifies under its secret, with hex in either case")
    func verifies() {
        #expect(WebhookSignature.isValid(header: Self.expected, secret: "key", body: Self.body))
        let upper = "sha256=" + Self.expected.dropFirst("sha256=".count).uppercased()
        #expect(WebhookSignature.isValid(header: upper, secret: "key", body: Self.body))
    }

    @Test(
        "another secret, another body, another prefix or broken hex is refused",
        arguments: [
            (expected, "another-key", "The quick brown fox jumps over the lazy dog"),
            (expected, "key", "The quick brown fox jumps over the lazy cat"),
            ("SHA256=" + expected.dropFirst("sha256=".count), "key", "The quick brown fox jumps over the lazy dog"),
            ("sha256=zz", "key", "The quick brown fox jumps over the lazy dog"),
        ])
    func refusals(header: String, secret: String, body: String) {
        #expect(!WebhookSignature.isValid(header: header, secret: secret, body: Data(body.utf8)))
    }
}
