import DfnsAPI
import Foundation
import TestSupport
import Testing

/// `schemas/apply-report.schema.json` describes what `apply --format json` really writes: real reports, with
/// every status a run can reach here, are valid against it (Python `jsonschema`, Draft 2020-12, from the
/// `.build/venv` that `scripts/schema-check/setup-venv.sh` creates; ``SchemaCheckPython`` runs it when needed), and
/// a report with a wrong status is not.
@Suite("The apply report and its JSON Schema")
struct ApplyReportSchemaTests {
    static let schema = BuiltProducts.packageRoot.appendingPathComponent("schemas/apply-report.schema.json")

    /// Checks the schema itself, then prints one JSON line of errors per document.
    private static let script = #"""
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for path in sys.argv[2:]:
            document = json.load(open(path))
            print(json.dumps(sorted(
                "/".join(str(p) for p in error.absolute_path) + ": " + error.message
                for error in validator.iter_errors(document))))
        """#

    /// The schema errors of each document, in order (empty when valid).
    static func errors(of documents: [String]) async throws -> [[String]] {
        let python = try await SchemaCheckPython.path()
        let directory = try TemporaryDirectory(prefix: "apply-report-schema")
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = directory.file("report-\(index).json")
            try Data(document.utf8).write(to: file)
            paths.append(file.path)
        }
        let result = try await CommandRunner.run(python.path, ["-c", script, schema.path] + paths)
        guard result.status == 0 else { throw ApplyTestFailure("jsonschema failed: \(result.stderrText)") }
        return try result.stdoutText.split(separator: "\n").map {
            try JSONDecoder().decode([String].self, from: Data($0.utf8))
        }
    }

    @Test("reports with done, pending_approval and failed results are valid; a wrong status is not")
    func realReportsAreValid() async throws {
        try await ApplyOrganisation.with { organisation in
            let emulator = organisation.emulator
            let permission = try #require(
                try await emulator.operatorClient().listPermissions().first { $0.name == "Payments Initiator" })
            let rule = try await emulator.requireApproval(
                method: "POST", path: "/permissions/\(permission.id)/assignments")
            try await emulator.addFault(.init(method: "POST", path: "/webhooks", action: "commit-then-fail", nth: 1))
            let mixed = try await organisation.apply(["--format", "json"])
            #expect(mixed.status == 1, "\(mixed)")
            for status in ["\"done\"", "\"pending_approval\"", "\"failed\""] {
                #expect(mixed.stdout.contains("\"status\" : \(status)"), "\(mixed.stdout)")
            }

            try await emulator.removeAllFaults()
            try await emulator.removeApprovalRule(id: rule)
            // Rejected, the held assignment is no longer pending, so the next apply sends it again (an update, with no
            // fingerprints) and replaces the orphaned webhook.
            for approval in try await emulator.approvals() where approval.status == "Pending" {
                #expect(try await emulator.reject(approval.id).status == "Rejected")
            }
            let recovered = try await organisation.apply(["--format", "json"])
            #expect(recovered.status == 0, "\(recovered)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])

            let wrong = recovered.stdout.replacingOccurrences(of: "\"status\" : \"done\"", with: "\"status\" : \"ok\"")
            let verdicts = try await Self.errors(of: [mixed.stdout, recovered.stdout, wrong])
            try #require(verdicts.count == 3)
            #expect(verdicts[0] == [], "the report of a mixed run: \(mixed.stdout)")
            #expect(verdicts[1] == [], "the report of the recovery: \(recovered.stdout)")
            #expect(verdicts[2].contains { $0.contains("status") }, "\(verdicts[2])")
        }
    }
}
