import Foundation
import TestSupport
import Testing

/// `schemas/drift.schema.json` (Draft 2020-12) describes what `drift --format json` really writes: the golden
/// report and a fresh one are valid, and documents with a wrong bucket or a missing summary count are not.
@Suite("The drift report and its JSON Schema")
struct DriftSchemaTests {
    @Test("the golden and a fresh JSON report are valid; broken ones are not")
    func reportsAreValid() async throws {
        try await DriftOrganisation.with { organisation in
            let fresh = try await organisation.drift(["--format", "json"])
            #expect(fresh.status == 2, "\(fresh.stderrText)")
            let golden = try String(contentsOf: GoldenFile.url("drift.json"), encoding: .utf8)

            var object = try #require(try JSONSerialization.jsonObject(with: fresh.stdout) as? [String: Any])
            var findings = try #require(object["findings"] as? [[String: Any]])
            findings[0]["bucket"] = "drifted"
            object["findings"] = findings
            var summary = try #require(object["summary"] as? [String: Any])
            var buckets = try #require(summary["buckets"] as? [String: Any])
            buckets.removeValue(forKey: "expiring")
            summary["buckets"] = buckets
            object["summary"] = summary
            let broken = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)

            let errors = try await DriftSchemaValidator.errors(
                of: [golden, fresh.stdoutText, broken], schema: DriftSchemaValidator.driftSchema, draft: .draft202012)
            #expect(errors.count == 3)
            #expect(errors[0] == [], "golden: \(errors[0])")
            #expect(errors[1] == [], "fresh: \(errors[1])")
            #expect(errors[2].contains { $0.hasPrefix("findings/0/bucket") }, "\(errors[2])")
            #expect(errors[2].contains { $0.hasPrefix("summary/buckets") && $0.contains("expiring") }, "\(errors[2])")
        }
    }
}
