import Foundation
import TestSupport

/// Validates documents against a JSON Schema with Python `jsonschema` from the `.build/venv` that
/// `scripts/schema-check/setup-venv.sh` creates: `schemas/drift.schema.json` (Draft 2020-12) for the JSON drift
/// report, and the OASIS SARIF 2.1.0 schema (Draft 4, `Fixtures/sarif`) for `--format sarif`.
enum DriftSchemaValidator {
    /// The schema's draft, which picks the validator class.
    enum Draft: String {
        case draft4 = "Draft4Validator"
        case draft202012 = "Draft202012Validator"
    }

    static let driftSchema = BuiltProducts.packageRoot.appendingPathComponent("schemas/drift.schema.json")
    static let sarifSchema = MixedOrganisation.fixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json")

    /// Checks the schema itself, then prints one JSON line of errors per document.
    private static let script = #"""
        import json, sys
        import jsonschema
        Validator = getattr(jsonschema, sys.argv[1])
        schema = json.load(open(sys.argv[2]))
        Validator.check_schema(schema)
        validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
        for path in sys.argv[3:]:
            document = json.load(open(path))
            print(json.dumps(sorted(
                "/".join(str(p) for p in error.absolute_path) + ": " + error.message
                for error in validator.iter_errors(document))))
        """#

    /// The schema errors of each document, in order (empty when valid).
    /// - Throws: when the venv cannot be set up, or Python fails (an invalid schema, a document that is not JSON).
    static func errors(of documents: [String], schema: URL, draft: Draft) async throws -> [[String]] {
        let python = try await SchemaCheckPython.path()
        let directory = try TemporaryDirectory(prefix: "drift-schema")
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let file = directory.file("document-\(index).json")
            try Data(document.utf8).write(to: file)
            paths.append(file.path)
        }
        let result = try await CommandRunner.run(
            python.path, ["-c", script, draft.rawValue, schema.path] + paths)
        guard result.status == 0 else {
            throw EmulatorProcess.Failure(description: "jsonschema failed: \(result.stderrText)")
        }
        return try result.stdoutText.split(separator: "\n").map {
            try JSONDecoder().decode([String].self, from: Data($0.utf8))
        }
    }
}
