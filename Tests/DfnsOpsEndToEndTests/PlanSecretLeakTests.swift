import Foundation
import TestSupport
import Testing

/// A plan is safe to post in a pull request and to keep as an artifact: no secret of the organisation (webhook
/// secrets, the operator's token and key, service-account tokens and keys) appears in any rendered plan, the
/// saved plan, or standard error.
@Suite("dfnsops plan: no secret in any output")
struct PlanSecretLeakTests {
    @Test("text, Markdown, JSON, the --out file and stderr hold none of the seeded organisation's secrets")
    func noSecretInAnyOutput() async throws {
        try await MixedOrganisation.with { organisation in
            // The search would find them: the emulator's state holds the webhook secrets and the operator token.
            let state = String(decoding: try await organisation.emulator.admin("GET", "state"), as: UTF8.self)
            let found = SecretSearch.leaks(of: organisation.secrets, in: state)
            for secret in Array(MixedOrganisation.webhookSecrets.values) + [organisation.emulator.operatorToken] {
                #expect(found.contains(secret), "the search misses a secret the emulator's state holds")
            }
            #expect(organisation.secrets.count >= 10)

            var outputs: [(String, String)] = []
            for format in ["text", "markdown", "json"] {
                let out = "saved-\(format).json"
                let result = try await organisation.plan(["--format", format, "--out", out, "--stats"])
                #expect(result.status == 0, "\(format): \(result.stderrText)")
                outputs.append(("\(format) stdout", result.stdoutText))
                outputs.append(("\(format) stderr", result.stderrText))
                outputs.append(("--out with \(format)", try organisation.workspace.read(out)))
            }
            for (label, text) in outputs {
                if !label.hasSuffix("stderr") { #expect(!text.isEmpty, "\(label) is empty") }
                let leaked = SecretSearch.leaks(of: organisation.secrets, in: text)
                #expect(leaked.isEmpty, "\(label) shows \(leaked.count) secret value(s)")
            }
            // Each output really is a plan that mentions the objects whose secrets were searched for.
            let text = try #require(outputs.first { $0.0 == "text stdout" }?.1)
            #expect(text.contains("treasury-bot"))
            #expect(text.contains("treasury"))
            #expect(outputs.contains { $0.0 == "text stderr" && $0.1.hasPrefix("stats: ") })
        }
    }
}
