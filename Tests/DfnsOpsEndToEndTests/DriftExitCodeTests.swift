import Foundation
import TestSupport
import Testing

/// The exit codes of `dfnsops drift` against a real emulator: 0 in sync, 2 for drift in a `--fail-on` bucket,
/// 0 when the only drift is in buckets reported as warnings, 64 for a usage error.
@Suite("dfnsops drift: exit codes and --fail-on")
struct DriftExitCodeTests {
    static let settings = """
        apiVersion: dfnsops.dev/v1alpha1
        kind: Settings
        metadata:
          name: acme
        spec:
          defaults:
            store:
              ref: local
        ---
        apiVersion: dfnsops.dev/v1alpha1
        kind: SecretStore
        metadata:
          name: local
        spec:
          type: file
          file:
            directory: .dfnsops/secrets

        """

    /// A workspace with only Settings and a store, against an emulator seeded with `seed`.
    static func with(
        seed: EmulatorSeedDocument, _ body: (PlanWorkspace) async throws -> Void
    ) async throws {
        try await withEmulator(seed: try seed.encoded()) { emulator in
            let workspace = try PlanWorkspace(manifests: [], emulator: emulator)
            try workspace.write(settings, to: "manifests/settings.yaml")
            try await body(workspace)
        }
    }

    @Test("an organisation that matches the manifests exits 0 and says so in every format")
    func inSyncExitsZero() async throws {
        try await Self.with(seed: EmulatorSeedDocument()) { workspace in
            let text = try await workspace.dfnsops(["drift", "manifests"])
            #expect(text.status == 0, "\(text.stdoutText)\(text.stderrText)")
            #expect(text.stdoutText.hasPrefix("In sync: the organisation matches the manifests."))
            #expect(text.stdoutText.contains("Drift: 0 findings."))
            let json = try await workspace.dfnsops(["drift", "manifests", "--format", "json"])
            #expect(json.status == 0, "\(json.stderrText)")
            let report = try JSONDecoder().decode(DriftReportShape.self, from: json.stdout)
            #expect(report.findings.isEmpty && report.summary.total == 0)
            let sarif = try await workspace.dfnsops(["drift", "manifests", "--format", "sarif"])
            #expect(sarif.status == 0)
            #expect(sarif.stdoutText.contains("\"results\" : [\n\n      ]"), "\(sarif.stdoutText)")
        }
    }

    @Test("drift only in buckets outside --fail-on is reported as a warning and exits 0")
    func failOnChoosesBuckets() async throws {
        var seed = EmulatorSeedDocument()
        seed.serviceAccounts = [.init(name: "Hand-made exporter")]
        try await Self.with(seed: seed) { workspace in
            let all = try await workspace.dfnsops(["drift", "manifests"])
            #expect(all.status == 2, "an unmanaged SA fails by default: \(all.stdoutText)")
            #expect(all.stdoutText.contains("unmanaged (1)\n"))

            let chosen = try await workspace.dfnsops(["drift", "manifests", "--fail-on", "missing,changed"])
            #expect(chosen.status == 0, "unmanaged is not in --fail-on: \(chosen.stdoutText)\(chosen.stderrText)")
            #expect(chosen.stdoutText.contains("unmanaged (1) — reported only"))
            #expect(chosen.stdoutText.contains("Hand-made exporter: no manifest owns or adopts it"))

            let markdown = try await workspace.dfnsops([
                "drift", "manifests", "--format", "markdown", "--fail-on", "missing",
            ])
            #expect(markdown.status == 0)
            #expect(markdown.stdoutText.contains("| unmanaged | 1 | no |"))

            let sarif = try await workspace.dfnsops([
                "drift", "manifests", "--format", "sarif", "--fail-on", "inactive",
            ])
            #expect(sarif.status == 0)
            #expect(sarif.stdoutText.contains("\"level\" : \"warning\""))
            #expect(!sarif.stdoutText.contains("\"level\" : \"error\",\n          \"locations\""))

            let failing = try await workspace.dfnsops(["drift", "manifests", "--fail-on", " unmanaged , missing"])
            #expect(failing.status == 2, "\(failing.stderrText)")
        }
    }

    @Test(
        "usage errors exit 64 and name what is allowed",
        arguments: [
            (["--fail-on", "missing,overdue"], "unknown bucket 'overdue'"),
            (["--expiry-warning", "soon"], "--expiry-warning 'soon' is not a duration"),
            (["--format", "html"], "html"),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        try await Self.with(seed: EmulatorSeedDocument()) { workspace in
            let result = try await workspace.dfnsops(["drift", "manifests"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(result.stderrText)")
            #expect(result.stdout.isEmpty)
            if arguments[0] == "--fail-on" {
                #expect(
                    result.stderrText.contains(
                        "missing, changed, unmanaged, foreign-marker, unmanaged-credential, rotation-overdue, expiring")
                )
            }
        }
    }
}
