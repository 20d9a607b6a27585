import Foundation
import TestSupport
import Testing

/// `schemas/plan.schema.json` describes the JSON plan exactly: the golden plan and a fresh `--out` file
/// validate against it (Python `jsonschema`, Draft 2020-12), and documents that stray from the format do not.
///
/// The tests set up `.build/venv` themselves (``SchemaCheckPython``), or fail saying what is missing; they never skip.
@Suite("schemas/plan.schema.json")
struct PlanSchemaTests {
    @Test("the schema check's Python is set up and imports jsonschema and yaml")
    func schemaCheckPythonIsReady() async throws {
        let python = try await SchemaCheckPython.path()
        let result = try await CommandRunner.run(
            python.path, ["-c", "import jsonschema, yaml; print(jsonschema.Draft202012Validator.__name__)"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "Draft202012Validator\n")
    }

    /// The golden JSON with the normaliser's placeholders put back into valid shapes.
    static func goldenPlan() throws -> Data {
        var text = try String(contentsOf: GoldenFile.url("plan.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"<createdAt>\"", with: "\"2026-01-01T00:00:00Z\"")
        text = text.replacingOccurrences(of: "\"<liveStateFingerprint>\"", with: "\"sha256:0123456789abcdef\"")
        text = text.replacingOccurrences(of: "\"<fingerprint>\"", with: "\"sha256:0123456789abcdef\"")
        text = text.replacingOccurrences(of: "\"<time>\"", with: "\"2026-01-01T00:00:00Z\"")
        return Data(text.utf8)
    }

    @Test("the golden plan.json validates")
    func goldenValidates() async throws {
        let errors = try await PlanSchemaValidator.errors(of: [try Self.goldenPlan()])
        #expect(errors == [[]])
    }

    @Test("a saved plan (--out) from a seeded emulator validates")
    func savedPlanValidates() async throws {
        try await MixedOrganisation.with { organisation in
            let result = try await organisation.plan(["--out", "plan.json"])
            #expect(result.status == 0, "\(result.stderrText)")
            let saved = try Data(contentsOf: organisation.workspace.directory.file("plan.json"))
            #expect(try await PlanSchemaValidator.errors(of: [saved]) == [[]])
        }
    }

    /// Each mutation breaks one rule of the format; the schema must refuse every one.
    static var mutations: [(String, (inout [String: Any]) -> Void)] {
        [
            ("an unknown top-level field", { $0["extra"] = true }),
            ("no formatVersion", { $0["formatVersion"] = nil }),
            ("formatVersion 1 (plans made before effects)", { $0["formatVersion"] = 1 }),
            ("a fingerprint that is not sha256:<16 hex>", { $0["liveStateFingerprint"] = "md5:abc" }),
            ("a summary count that is negative", { summary(&$0) { $0["create"] = -1 } }),
            ("a summary without blocked", { summary(&$0) { $0["blocked"] = nil } }),
            ("an unknown action type", { action(&$0) { $0["type"] = "explode" } }),
            ("an unknown kind", { action(&$0) { $0["kind"] = "Wallet" } }),
            ("an unknown reason", { action(&$0) { $0["reason"] = "because" } }),
            ("an action without dependsOn", { action(&$0) { $0["dependsOn"] = nil } }),
            ("an action without effects", { action(&$0) { $0["effects"] = nil } }),
            (
                "an effect with an unknown verb",
                { action(&$0) { $0["effects"] = [["verb": "obliterate", "target": "Webhook", "id": "wh-1"]] } }
            ),
            (
                "an effect without an id (null means new)",
                { action(&$0) { $0["effects"] = [["verb": "delete", "target": "Webhook"]] } }
            ),
            ("an unknown field in an action", { action(&$0) { $0["secret"] = "x" } }),
            (
                "a change value that is an object other than a fingerprint",
                {
                    action(&$0) { $0["changes"] = [["field": "x", "after": ["value": "secret"]]] }
                }
            ),
            (
                "a guard with an unknown name",
                {
                    action(&$0) { $0["guards"] = [["guard": "vibes", "passed": true, "message": "ok"]] }
                }
            ),
            ("a rotation with an unknown phase", { action(&$0) { $0["rotation"] = ["phase": "spinning"] } }),
            (
                "a drift entry with an unknown finding",
                {
                    var drift = $0["drift"] as? [[String: Any]] ?? []
                    if !drift.isEmpty { drift[0]["finding"] = "vanished" }
                    $0["drift"] = drift
                }
            ),
        ]
    }

    static func summary(_ plan: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var summary = plan["summary"] as? [String: Any] ?? [:]
        change(&summary)
        plan["summary"] = summary
    }

    static func action(_ plan: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var actions = plan["actions"] as? [[String: Any]] ?? []
        if !actions.isEmpty { change(&actions[0]) }
        plan["actions"] = actions
    }

    @Test("documents that stray from the format are refused")
    func strayDocumentsAreRefused() async throws {
        let golden = try #require(try JSONSerialization.jsonObject(with: Self.goldenPlan()) as? [String: Any])
        #expect((golden["actions"] as? [Any])?.isEmpty == false)
        #expect((golden["drift"] as? [Any])?.isEmpty == false)
        var documents: [Data] = []
        for (_, mutate) in Self.mutations {
            var plan = golden
            mutate(&plan)
            documents.append(try JSONSerialization.data(withJSONObject: plan))
        }
        let verdicts = try await PlanSchemaValidator.errors(of: documents)
        #expect(verdicts.count == Self.mutations.count)
        for ((label, _), errors) in zip(Self.mutations, verdicts) {
            #expect(!errors.isEmpty, "the schema accepts \(label)")
        }
    }
}
