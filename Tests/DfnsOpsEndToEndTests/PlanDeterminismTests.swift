import Foundation
import TestSupport
import Testing

/// The same manifests against the same organisation give the same plan, byte for byte, apart from `createdAt`.
@Suite("dfnsops plan: determinism")
struct PlanDeterminismTests {
    static let runs = 20

    /// The JSON plan without its `createdAt` line, the only part allowed to differ between runs.
    static func withoutTimestamp(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("  \"createdAt\" : ") }
            .joined(separator: "\n")
    }

    @Test("20 runs of plan --format json over the same inputs are byte-identical, timestamps aside")
    func twentyRunsAreIdentical() async throws {
        try await MixedOrganisation.with { organisation in
            var plans: [String] = []
            var timestamps: Set<String> = []
            for _ in 0..<Self.runs {
                let result = try await organisation.plan(["--format", "json"])
                try #require(result.status == 0, "\(result.stderrText)")
                plans.append(Self.withoutTimestamp(result.stdoutText))
                timestamps.formUnion(
                    result.stdoutText.split(separator: "\n").filter { $0.hasPrefix("  \"createdAt\" : ") }.map(
                        String.init))
            }
            #expect(plans.count == Self.runs)
            let distinct = Set(plans)
            #expect(distinct.count == 1, "the \(Self.runs) plans differ in \(distinct.count) ways")
            // The comparison covers the whole plan: actions, drift and the live-state fingerprint.
            let first = try #require(plans.first)
            #expect(first.contains("\"liveStateFingerprint\" : \"sha256:"))
            #expect(first.contains("\"actions\""))
            #expect(first.split(separator: "\n").count > 100)
            // Only createdAt was removed, and it is there in every run.
            #expect(!timestamps.isEmpty)
        }
    }
}
