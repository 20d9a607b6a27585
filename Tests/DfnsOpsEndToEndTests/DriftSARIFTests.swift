import Foundation
import TestSupport
import Testing

/// `dfnsops drift --format sarif` is valid SARIF 2.1.0 (the OASIS schema kept in `Fixtures/sarif`, checked with
/// Python `jsonschema`), and each result sits on the manifest line that declares its object, so that GitHub code
/// scanning shows drift next to the manifests.
@Suite("dfnsops drift --format sarif: schema and locations")
struct DriftSARIFTests {
    /// The parts of a SARIF log these tests read.
    struct Log: Decodable {
        struct Run: Decodable {
            struct Tool: Decodable {
                struct Driver: Decodable {
                    struct Rule: Decodable {
                        struct Configuration: Decodable { var level: String }
                        var id: String
                        var defaultConfiguration: Configuration
                    }

                    var name: String
                    var rules: [Rule]
                }

                var driver: Driver
            }

            struct Result: Decodable {
                struct Message: Decodable { var text: String }
                struct Location: Decodable {
                    struct Physical: Decodable {
                        struct Artifact: Decodable { var uri: String }
                        struct Region: Decodable {
                            var startLine: Int
                            var startColumn: Int?
                        }

                        var artifactLocation: Artifact
                        var region: Region
                    }

                    var physicalLocation: Physical
                }

                var ruleId: String
                var level: String
                var message: Message
                var locations: [Location]?
            }

            var tool: Tool
            var results: [Result]
        }

        var version: String
        var runs: [Run]
    }

    /// The 1-based line of `manifests/<file>` in the fixture whose text, trimmed, is `text`.
    static func line(of text: String, in file: String) throws -> Int {
        let contents = try String(
            contentsOf: DriftOrganisation.manifests.appendingPathComponent(file), encoding: .utf8)
        let lines = contents.components(separatedBy: "\n")
        let index = try #require(
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == text }, "no line '\(text)' in \(file)")
        return index + 1
    }

    @Test("the SARIF report, with every bucket failing or only some, is valid against the SARIF 2.1.0 schema")
    func validAgainstTheSchema() async throws {
        try await DriftOrganisation.with { organisation in
            let all = try await organisation.drift(["--format", "sarif"])
            let some = try await organisation.drift(["--format", "sarif", "--fail-on", "missing,changed"])
            #expect(all.status == 2 && some.status == 2, "\(all.stderrText) \(some.stderrText)")
            let golden = try String(contentsOf: GoldenFile.url("drift.sarif"), encoding: .utf8)
            let errors = try await DriftSchemaValidator.errors(
                of: [all.stdoutText, some.stdoutText, golden], schema: DriftSchemaValidator.sarifSchema,
                draft: .draft4)
            #expect(errors == [[], [], []], "\(errors)")

            // The check can fail: a result without a message, or a level SARIF does not know, is refused.
            var broken = try #require(try JSONSerialization.jsonObject(with: all.stdout) as? [String: Any])
            var runs = try #require(broken["runs"] as? [[String: Any]])
            var results = try #require(runs[0]["results"] as? [[String: Any]])
            results[0]["level"] = "fatal"
            results[1].removeValue(forKey: "message")
            runs[0]["results"] = results
            broken["runs"] = runs
            let brokenText = String(decoding: try JSONSerialization.data(withJSONObject: broken), as: UTF8.self)
            let brokenErrors = try await DriftSchemaValidator.errors(
                of: [brokenText], schema: DriftSchemaValidator.sarifSchema, draft: .draft4)
            #expect(brokenErrors.first?.contains { $0.hasPrefix("runs/0/results/0/level") } == true, "\(brokenErrors)")
            #expect(brokenErrors.first?.contains { $0.contains("'message' is a required property") } == true)
        }
    }

    @Test("each result points at the manifest file and line that declares its object")
    func resultsSitOnTheirManifestLines() async throws {
        try await DriftOrganisation.with { organisation in
            let result = try await organisation.drift(["--format", "sarif"])
            #expect(result.status == 2, "\(result.stderrText)")
            let log = try JSONDecoder().decode(Log.self, from: result.stdout)
            #expect(log.version == "2.1.0")
            let run = try #require(log.runs.first)
            #expect(run.tool.driver.name == "dfnsops")
            let ruleIds = Set(run.tool.driver.rules.map(\.id))
            #expect(run.results.allSatisfy { ruleIds.contains($0.ruleId) })

            func location(_ ruleId: String, _ prefix: String) throws -> (String, Int) {
                let found = try #require(
                    run.results.first { $0.ruleId == ruleId && $0.message.text.hasPrefix(prefix) },
                    "no \(ruleId) result for \(prefix)")
                let physical = try #require(found.locations?.first?.physicalLocation, "\(prefix) has no location")
                return (physical.artifactLocation.uri, physical.region.startLine)
            }
            let expected: [(String, String, String, String)] = [
                (
                    "dfnsops/missing", "ServiceAccount/settlement-batch", "service-accounts/settlement-batch.yaml",
                    "name: settlement-batch"
                ),
                // A changed field: the first line of its value (a block sequence starts under its key).
                (
                    "dfnsops/changed", "Webhook/treasury", "webhooks/treasury.yaml",
                    "- wallet.transfer.confirmed"
                ),
                (
                    "dfnsops/unmanaged-credential", "Credential ", "service-accounts/treasury-bot.yaml",
                    "name: treasury-bot"
                ),
                (
                    "dfnsops/rotation-overdue", "ServiceAccount/payments-signer",
                    "service-accounts/payments-signer.yaml",
                    "maxAge: 90d"
                ),
                (
                    "dfnsops/expiring", "PersonalAccessToken/ci-deployer", "personal-access-tokens/ci-deployer.yaml",
                    "daysValid: 30"
                ),
                (
                    "dfnsops/store-mismatch", "ServiceAccount/ledger-sync", "service-accounts/ledger-sync.yaml",
                    "name: ledger-sync"
                ),
                (
                    "dfnsops/inactive", "ServiceAccount/batch-runner", "service-accounts/batch-runner.yaml",
                    "active: true"
                ),
                (
                    "dfnsops/passkey-policy", "User/bob@acme.example", "policies/passkeys.yaml",
                    "requireActiveUser: true"
                ),
                ("dfnsops/passkey-policy", "User/operator@", "policies/passkeys.yaml", "minActive: 1"),
                (
                    "dfnsops/expired-ignore-rule", "the drift ignore rule \"Laptop", "settings.yaml",
                    "expires: 2026-06-30"
                ),
            ]
            for (ruleId, prefix, file, line) in expected {
                let (uri, startLine) = try location(ruleId, prefix)
                #expect(uri == "manifests/" + file, "\(prefix)")
                #expect(startLine == (try Self.line(of: line, in: file)), "\(prefix) at \(uri):\(startLine)")
            }
            // Objects no manifest declares sit on the Settings manifest's name.
            let settingsName = try Self.line(of: "name: acme", in: "settings.yaml")
            let unmanaged = run.results.filter { ["dfnsops/unmanaged", "dfnsops/foreign-marker"].contains($0.ruleId) }
            #expect(unmanaged.count == 4)
            for result in unmanaged {
                let physical = try #require(result.locations?.first?.physicalLocation)
                #expect(physical.artifactLocation.uri == "manifests/settings.yaml")
                #expect(physical.region.startLine == settingsName)
            }
        }
    }

    @Test("--fail-on: chosen buckets are errors, the others warnings, in results and rules alike")
    func failOnSetsLevels() async throws {
        try await DriftOrganisation.with { organisation in
            let result = try await organisation.drift(["--format", "sarif", "--fail-on", "missing,changed"])
            #expect(result.status == 2, "missing and changed have findings: \(result.stderrText)")
            let run = try #require(try JSONDecoder().decode(Log.self, from: result.stdout).runs.first)
            for item in run.results {
                let failing = ["dfnsops/missing", "dfnsops/changed"].contains(item.ruleId)
                #expect(item.level == (failing ? "error" : "warning"), "\(item.ruleId): \(item.level)")
            }
            #expect(Set(run.results.map(\.level)) == ["error", "warning"])
            for rule in run.tool.driver.rules {
                let failing = ["dfnsops/missing", "dfnsops/changed"].contains(rule.id)
                #expect(rule.defaultConfiguration.level == (failing ? "error" : "warning"), "\(rule.id)")
            }
        }
    }
}
