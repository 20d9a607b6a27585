import Foundation
import TestSupport
import Testing

/// The plans reviewers see, end to end: the built `dfnsops plan` over `manifests/examples` (plus one overlay
/// manifest) against a real `dfns-emulator` seeded with in-sync, changed, missing and unmanaged objects
/// (``MixedOrganisation``). Text, Markdown and JSON must equal the golden files in `Fixtures/golden`, once ids,
/// timestamps and the live-state fingerprint are normalised (``PlanNormaliser``).
@Suite("dfnsops plan: golden files against a seeded emulator")
struct PlanGoldenTests {
    /// Ids the manifests themselves name; the normaliser leaves them as they are.
    static func manifestIds() throws -> Set<String> {
        var ids: Set<String> = []
        for directory in [MixedOrganisation.examples, MixedOrganisation.fixtures.appendingPathComponent("overlay")] {
            let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                guard file.pathExtension == "yaml" else { continue }
                ids.formUnion(PlanNormaliser.ids(in: try String(contentsOf: file, encoding: .utf8)))
            }
        }
        return ids
    }

    @Test("text, Markdown and JSON plans match the golden files; --detailed-exitcode exits 2")
    func plansMatchGoldenFiles() async throws {
        try await MixedOrganisation.with { organisation in
            let json = try await organisation.plan(["--format", "json"])
            let text = try await organisation.plan(["--detailed-exitcode"])
            let markdown = try await organisation.plan(["--format", "markdown"])
            #expect(json.status == 0, "json: \(json.stderrText)")
            #expect(text.status == 2, "with changes and --detailed-exitcode the exit code is 2: \(text.stderrText)")
            #expect(markdown.status == 0, "markdown: \(markdown.stderrText)")
            for result in [json, text, markdown] {
                #expect(result.stderrText.isEmpty, "plan wrote to stderr: \(result.stderrText)")
            }

            let normaliser = PlanNormaliser(keep: try Self.manifestIds())
            try GoldenFile.check(normaliser.normaliseJSON(json.stdoutText), against: "plan.json")
            try GoldenFile.check(normaliser.normalise(text.stdoutText), against: "plan.txt")
            try GoldenFile.check(normaliser.normalise(markdown.stdoutText), against: "plan.md")
        }
    }

    /// The classification itself, independent of the golden files' wording: each seeded case lands where the
    /// issue says it must.
    @Test("each seeded object is classified as in-sync, create, update, rotate, missing or unmanaged")
    func classification() async throws {
        try await MixedOrganisation.with { organisation in
            let result = try await organisation.plan(["--format", "json"])
            #expect(result.status == 0, "\(result.stderrText)")
            let plan = try JSONDecoder().decode(PlanShape.self, from: result.stdout)

            #expect(
                plan.actions.map(\.id).sorted() == [
                    "create:PersonalAccessToken/ci-deployer", "create:ServiceAccount/reporting-exporter",
                    "rotate:ServiceAccount/treasury-bot:due", "update:ServiceAccount/payments-signer",
                    "update:Webhook/treasury",
                ])
            let payments = try #require(plan.actions.first { $0.id == "update:ServiceAccount/payments-signer" })
            #expect(payments.changes.map(\.field) == ["permissions"])
            let treasury = try #require(plan.actions.first { $0.id == "update:Webhook/treasury" })
            #expect(treasury.changes.map(\.field) == ["url", "events"])
            let rotation = try #require(plan.actions.first { $0.type == "rotate" })
            #expect(rotation.reason == "rotation_trigger_changed")

            let findings = plan.drift.map { "\($0.finding) \($0.kind) \($0.name ?? $0.message)" }
            #expect(findings.contains("missing ServiceAccount settlement-batch"))
            let unmanaged = plan.drift.filter { $0.finding == "unmanaged" }
            #expect(unmanaged.count == 3, "\(unmanaged.map(\.message))")
            #expect(unmanaged.contains { $0.message.hasPrefix("Hand-made exporter:") })
            // Its marker names a removed manifest, but no store entry records it: foreign, never pruned.
            let foreign = plan.drift.filter { $0.finding == "foreign_marker" }
            #expect(foreign.count == 1 && foreign[0].message.hasPrefix("old-reconciler:"), "\(foreign.map(\.message))")
            #expect(unmanaged.contains { $0.kind == "PersonalAccessToken" && $0.message.hasPrefix("laptop:") })
            #expect(unmanaged.contains { $0.kind == "Webhook" && $0.message.hasPrefix("https://ops.acme.example") })

            // In sync: no action and no finding names them.
            for name in ["dfnsops-operator", "audit-firehose"] {
                #expect(!plan.actions.contains { $0.name == name }, "\(name) is in sync")
                #expect(!plan.drift.contains { $0.name == name }, "\(name) is in sync")
            }
            #expect(plan.summary == ["create": 2, "update": 2, "rotate": 1, "deactivate": 0, "blocked": 0])
        }
    }
}

/// The parts of the JSON plan these tests look at.
struct PlanShape: Decodable {
    struct Action: Decodable {
        struct Change: Decodable { var field: String }
        var id: String
        var type: String
        var name: String
        var reason: String
        var changes: [Change]
    }

    struct Finding: Decodable {
        var finding: String
        var kind: String
        var name: String?
        var message: String
    }

    var actions: [Action]
    var drift: [Finding]
    var summary: [String: Int]
    var liveStateFingerprint: String
}
