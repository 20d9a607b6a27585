import DfnsOpsCore
import Foundation
import TestSupport
import Testing

/// Runs the good and bad corpus through both `schemas/` (Python `jsonschema`, via scripts/schema-check/check.py)
/// and the Swift validator, and requires the same verdict for every document the schemas can decide.
///
/// Compared: each non-empty document of a file that both sides parse, on the Swift side counting only errors
/// whose code ``DiagnosticCode/isSchemaExpressible``. Not compared, because JSON Schema cannot express them:
/// cross-document rules (duplicate names, store references, missing stores, adoption, operators, Settings count),
/// value comparisons (overlap against maxAge, description length with the marker appended, impossible calendar
/// dates), and YAML-level refusals (syntax errors, duplicate keys, alias bombs), which skip the whole file.
///
/// The checker runs with the Python of `.build/venv`, which ``SchemaCheckPython`` sets up when it is missing (or
/// fails the test saying why); these tests never skip.
@Suite("Schemas and the Swift validator agree")
struct SchemaAgreementTests {
    static let script = ManifestFixtures.packageRoot.appendingPathComponent("scripts/schema-check/check.py")

    struct Report: Decodable {
        struct File: Decodable {
            var path: String
            var yamlError: String?
            var documents: [Document]
        }

        struct Document: Decodable {
            var index: Int
            var empty: Bool
            var valid: Bool
            var errors: [String]
        }

        var files: [File]
    }

    func runChecker(_ paths: [String]) async throws -> Report {
        let python = try await SchemaCheckPython.path()
        let result = try await CommandRunner.run(python.path, [Self.script.path, "--json"] + paths)
        #expect(result.status == 0, "\(result.stderrText)")
        return try JSONDecoder().decode(Report.self, from: result.stdout)
    }

    @Test(
        "every example and good fixture is valid against schemas/, every bad one gets the same verdict from both")
    func verdictsAgree() async throws {
        let report = try await runChecker([
            ManifestFixtures.examples.path, ManifestFixtures.good.path, ManifestFixtures.bad.path,
        ])
        var compared = 0
        var invalid = 0
        var skippedFiles: [String] = []
        for file in report.files {
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            let (documents, fileDiagnostics) = ManifestParser().parse(text, file: file.path)
            let yamlRefused = documents.contains { $0.diagnostics.contains { $0.code == .aliasExpansion } }
            if !fileDiagnostics.isEmpty || yamlRefused || file.yamlError != nil {
                skippedFiles.append(URL(fileURLWithPath: file.path).lastPathComponent)
                continue
            }
            try #require(documents.count == file.documents.count, "\(file.path): document counts differ")
            for (swift, schema) in zip(documents, file.documents) where !schema.empty {
                let swiftErrors = swift.diagnostics.filter { $0.severity == .error && $0.code.isSchemaExpressible }
                #expect(
                    swiftErrors.isEmpty == schema.valid,
                    "\(file.path) document \(schema.index): Swift says \(swiftErrors.map(\.description)), schemas say \(schema.errors)"
                )
                compared += 1
                if !schema.valid { invalid += 1 }
            }
        }
        print("schema agreement: \(compared) documents compared (\(invalid) invalid); files skipped: \(skippedFiles)")
        #expect(
            skippedFiles.sorted() == [
                "34-billion-laughs.yaml", "35-yaml-syntax-error.yaml", "36-duplicate-key.yaml", "46-alias-as-key.yaml",
            ])
        #expect(compared >= 60)
        #expect(invalid >= 30)
    }

    @Test("cross-document and value-comparison rules are exactly the ones the schemas leave to Swift")
    func inexpressibleRulesAreSchemaValid() async throws {
        let names = [
            "19-overlap-not-shorter.yaml", "29-duplicate-name.yaml", "30-undeclared-store.yaml",
            "31-duplicate-adoption.yaml", "32-multiple-operators.yaml", "33-multiple-settings.yaml",
            "43-missing-store.yaml", "44-settings-default-overlap.yaml", "45-webhook-description-too-long.yaml",
        ]
        let report = try await runChecker(names.map { ManifestFixtures.bad.appendingPathComponent($0).path })
        for file in report.files {
            #expect(file.documents.allSatisfy { $0.valid }, "\(file.path): \(file.documents.flatMap(\.errors))")
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            let validation = ManifestValidator().validate(text, file: file.path)
            #expect(!validation.isValid)
            #expect(validation.diagnostics.allSatisfy { !$0.code.isSchemaExpressible })
        }
    }
}
