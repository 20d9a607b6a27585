import Foundation
import TestSupport

/// Validates JSON documents against `schemas/plan.schema.json` with Python `jsonschema` (Draft 2020-12) from the
/// `.build/venv` that `scripts/schema-check/setup-venv.sh` creates (``SchemaCheckPython`` runs it when needed).
enum PlanSchemaValidator {
    static let schema = BuiltProducts.packageRoot.appendingPathComponent("schemas/plan.schema.json")

    /// Checks the schema itself, then each document; prints one JSON line per document:
    /// `{"index": i, "errors": ["path: message", …]}`.
    private static let script = #"""
        import json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for index, path in enumerate(sys.argv[2:]):
            document = json.load(open(path))
            errors = sorted(
                "/".join(str(p) for p in error.absolute_path) + ": " + error.message
                for error in validator.iter_errors(document))
            print(json.dumps({"index": index, "errors": errors}))
        """#

    private struct Verdict: Decodable {
        var index: Int
        var errors: [String]
    }

    /// The schema errors of each document (empty when valid), in order.
    /// - Throws: when the venv cannot be set up, or Python fails (the schema is not valid Draft 2020-12, a document
    ///   is not JSON, …).
    static func errors(of documents: [Data]) async throws -> [[String]] {
        let python = try await SchemaCheckPython.path()
        let directory = try TemporaryDirectory(prefix: "plan-schema")
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = directory.file("document-\(index).json")
            try document.write(to: file)
            paths.append(file.path)
        }
        let result = try await CommandRunner.run(python.path, ["-c", script, schema.path] + paths)
        guard result.status == 0 else {
            throw EmulatorProcess.Failure(description: "jsonschema failed: \(result.stderrText)")
        }
        let verdicts = try result.stdoutText.split(separator: "\n").map {
            try JSONDecoder().decode(Verdict.self, from: Data($0.utf8))
        }
        return verdicts.sorted { $0.index < $1.index }.map(\.errors)
    }
}
