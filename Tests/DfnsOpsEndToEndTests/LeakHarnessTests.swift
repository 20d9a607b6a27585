import DfnsAPI
import Foundation
import TestSupport
import Testing

/// Issue 14: the leak harness that every end-to-end run passes through must catch a secret however it is
/// disguised — folded into one line as CI log masking would miss it, base64 or hex — and never print it.
@Suite("the leak harness")
struct LeakHarnessTests {
    @Test("it finds a PEM key folded to one line, a token in base64 and in hex, and names only where")
    func catchesDisguisedLeaks() throws {
        let pem = try PrivateSigningKey(generating: .ecdsaP256).pkcs8PEM
        let token = "eyJhbGciOiJFUzI1NiJ9." + UUID().uuidString + UUID().uuidString
        let folded = "error: found '" + pem.split(whereSeparator: \.isNewline).joined(separator: " ") + "'"
        let outputs: [(label: String, text: String)] = [
            ("folded.txt", folded),
            ("base64.txt", "value=" + Data(token.utf8).base64EncodedString()),
            ("hex.txt", "value=" + Data(token.utf8).map { String(format: "%02x", $0) }.joined()),
            (
                "one-line.txt",
                "key: " + pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
            ),
            ("clean.txt", "Plan: 1 to create, 0 to update, 0 to rotate, 0 to deactivate. sha256:0123456789abcdef"),
        ]
        let findings = LeakHarness.findings(in: outputs, extra: [pem, token])
        #expect(findings.contains { $0.hasPrefix("folded.txt") }, "\(findings)")
        #expect(findings.contains("base64.txt (a secret as base64)"), "\(findings)")
        #expect(findings.contains("hex.txt (a secret as hex)"), "\(findings)")
        #expect(findings.contains { $0.hasPrefix("one-line.txt") }, "\(findings)")
        #expect(!findings.contains { $0.hasPrefix("clean.txt") }, "\(findings)")
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }
        for finding in findings {
            #expect(!body.contains { finding.contains($0) } && !finding.contains(token), "a finding quotes the secret")
        }
    }
}
