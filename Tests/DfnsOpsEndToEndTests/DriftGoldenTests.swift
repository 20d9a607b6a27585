import Foundation
import TestSupport
import Testing

/// The reports a scheduled drift job produces, end to end: the built `dfnsops drift` over
/// `Fixtures/drift/manifests` against a real `dfns-emulator` in which every bucket has a finding
/// (``DriftOrganisation``). Text, Markdown, JSON and SARIF must equal the golden files in `Fixtures/golden`
/// once the emulator's ids and the keys' fingerprints (both random per run) are normalised; the clock is fixed,
/// so every date, age and remaining validity is compared as it is.
@Suite("dfnsops drift: golden reports against a seeded emulator")
struct DriftGoldenTests {
    /// The id and time normalisation of the plan goldens, plus key fingerprints (fresh keys every run).
    static func normalise(_ text: String, with normaliser: PlanNormaliser) -> String {
        let normalised = normaliser.normalise(text)
        guard let regex = try? NSRegularExpression(pattern: #"sha256:[0-9a-f]{16}"#) else { return normalised }
        return regex.stringByReplacingMatches(
            in: normalised, range: NSRange(normalised.startIndex..., in: normalised),
            withTemplate: "sha256:<fingerprint>")
    }

    @Test("text, Markdown, JSON and SARIF reports match the golden files; drift exits 2")
    func reportsMatchGoldenFiles() async throws {
        try await DriftOrganisation.with { organisation in
            let formats = ["text", "markdown", "json", "sarif"]
            let golden = ["text": "drift.txt", "markdown": "drift.md", "json": "drift.json", "sarif": "drift.sarif"]
            let normaliser = PlanNormaliser()
            for format in formats {
                let result = try await organisation.drift(["--format", format])
                #expect(result.status == 2, "\(format): drift in every bucket exits 2: \(result.stderrText)")
                #expect(result.stderrText.isEmpty, "\(format) wrote to stderr: \(result.stderrText)")
                try GoldenFile.check(
                    Self.normalise(result.stdoutText, with: normaliser), against: golden[format] ?? format)
            }
        }
    }

    /// The classification itself, independent of the golden files' wording.
    @Test("every bucket holds the seeded finding, and only it")
    func everyBucketIsRepresented() async throws {
        try await DriftOrganisation.with { organisation in
            let result = try await organisation.drift(["--format", "json"])
            #expect(result.status == 2, "\(result.stderrText)")
            let report = try JSONDecoder().decode(DriftReportShape.self, from: result.stdout)
            func entries(_ bucket: String) -> [String] {
                report.findings.filter { $0.bucket == bucket }.map { $0.name ?? "\($0.kind) \($0.message)" }.sorted()
            }
            #expect(entries("missing") == ["settlement-batch"])
            #expect(entries("changed") == ["treasury"])
            #expect(report.findings.first { $0.bucket == "changed" }?.changes.map(\.field) == ["events"])
            let unmanaged = entries("unmanaged")
            #expect(unmanaged.count == 3, "\(unmanaged)")
            for prefix in [
                "ServiceAccount Hand-made exporter:", "PersonalAccessToken laptop:",
                "Webhook https://ops.acme.example/dfns-debug:",
            ] {
                #expect(unmanaged.contains { $0.hasPrefix(prefix) }, "no unmanaged \(prefix) in \(unmanaged)")
            }
            // A marker whose manifest was removed, with no store record: nothing proves dfnsops made it.
            let foreign = entries("foreign-marker")
            #expect(foreign.count == 1 && foreign[0].hasPrefix("ServiceAccount old-reconciler:"), "\(foreign)")
            // A key added by hand on a managed account: dfnsops did not register it.
            let credentials = entries("unmanaged-credential")
            #expect(credentials.count == 1 && credentials[0].hasPrefix("Credential an active key"), "\(credentials)")
            #expect(credentials.contains { $0.contains("ServiceAccount/treasury-bot") })
            #expect(entries("rotation-overdue") == ["payments-signer"])
            #expect(report.findings.first { $0.bucket == "rotation-overdue" }?.overdueBySeconds == Double(2 * 86_400))
            #expect(entries("expiring") == ["ci-deployer"])
            #expect(report.findings.first { $0.bucket == "expiring" }?.expiresAt == "2026-12-13T02:00:00Z")
            #expect(entries("store-mismatch") == ["ledger-sync"])
            #expect(entries("inactive") == ["batch-runner"])
            let passkeys = report.findings.filter { $0.bucket == "passkey-policy" }
            #expect(passkeys.count == 2, "\(passkeys.map(\.message))")
            #expect(passkeys.contains { $0.name == "bob@acme.example" && $0.message.contains("inactive") })
            #expect(passkeys.contains { $0.message.hasPrefix("0 active passkeys") })

            // Every bucket is represented, and the summary counts them.
            #expect(Set(report.findings.map(\.bucket)).count == 10)
            #expect(report.summary.total == report.findings.count)
            #expect(report.summary.buckets.values.allSatisfy { $0 > 0 }, "\(report.summary.buckets)")

            // The legacy-* rule hides legacy-importer; the expired PAT rule hides nothing and is reported.
            #expect(report.ignored.map(\.finding.message).contains { $0.hasPrefix("legacy-importer:") })
            #expect(report.ignored.count == 1)
            #expect(
                report.expiredIgnoreRules.map(\.rule.reason) == ["Laptop tokens tolerated during the SSO migration."])
            #expect(report.notSeen.contains { $0.contains("the passkeys of 2 users other than the operator") })

            // In sync: nothing names them.
            #expect(!report.findings.contains { $0.name == "alice@acme.example" })
        }
    }
}

/// The parts of the JSON drift report these tests read.
struct DriftReportShape: Decodable {
    struct Finding: Decodable {
        struct Change: Decodable { var field: String }
        struct Location: Decodable {
            var file: String
            var line: Int
        }

        var bucket: String
        var kind: String
        var name: String?
        var dfnsId: String?
        var message: String
        var changes: [Change]
        var overdueBySeconds: Double?
        var expiresAt: String?
        var location: Location?
    }

    struct Ignored: Decodable {
        var finding: Finding
        var reason: String
    }

    struct ExpiredRule: Decodable {
        struct Rule: Decodable { var reason: String }
        var rule: Rule
        var message: String
    }

    struct Summary: Decodable {
        var total: Int
        var ignored: Int
        var buckets: [String: Int]
    }

    var formatVersion: Int
    var generatedAt: String
    var summary: Summary
    var findings: [Finding]
    var ignored: [Ignored]
    var expiredIgnoreRules: [ExpiredRule]
    var notSeen: [String]
}
