import Foundation
import TestSupport
import Testing

/// Issue 14: a pull request can change any manifest, so a manifest never chooses a program to run. Exec stores
/// name a plugin, and only an executable `dfnsops-store-<name>` in a directory of `DFNSOPS_PLUGIN_PATH` — set where
/// dfnsops runs, not in the repository — is ever started.
@Suite("pull-request safety: manifests never choose a program")
struct PullRequestSafetyTests {
    /// A SecretStore manifest whose exec section is `exec`.
    static func store(_ exec: String) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: SecretStore
        metadata: {name: vault}
        spec:
          type: exec
          exec: \(exec)
        """
    }

    /// A workspace whose `plugins/dfnsops-store-evil` writes `marker` when run, and whose manifests add `exec`.
    static func workspace(_ exec: String, emulator: EmulatorProcess) throws -> (PlanWorkspace, URL) {
        let workspace = try PlanWorkspace(
            manifests: [(MixedOrganisation.examples, "manifests/examples")], emulator: emulator)
        let marker = workspace.directory.file("marker")
        let plugin = "#!/bin/sh\ntouch '\(marker.path)'\necho '{}'\n"
        try workspace.write(plugin, to: "plugins/dfnsops-store-evil")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: workspace.directory.file("plugins/dfnsops-store-evil").path)
        try workspace.write(store(exec), to: "manifests/examples/vault.yaml")
        return (workspace, marker)
    }

    @Test(
        "validate, plan and drift never run a program a manifest names, and say how to trust a plugin",
        arguments: [
            "{plugin: evil}", "{command: [./plugins/dfnsops-store-evil]}",
            "{command: [/bin/sh, -c, ./plugins/dfnsops-store-evil]}",
        ])
    func untrustedProgramNeverRuns(exec: String) async throws {
        try await withEmulator { emulator in
            let (workspace, marker) = try Self.workspace(exec, emulator: emulator)
            // The checkout's own folder on the plugin path counts for nothing: only absolute directories do.
            let relative = ["DFNSOPS_PLUGIN_PATH": "plugins"]
            for command in [["validate"], ["plan"], ["drift"]] {
                let result = try await workspace.dfnsops(command + ["manifests/examples"], adding: relative)
                #expect(result.status == 1, "\(command): \(result.stdoutText)\(result.stderrText)")
                #expect(
                    result.stderrText.contains("not installed where dfnsops trusts plugins")
                        || result.stderrText.contains("a manifest never chooses a program"), "\(result.stderrText)")
                #expect(result.stderrText.contains("DFNSOPS_PLUGIN_PATH"), "\(command): \(result.stderrText)")
                if exec.contains("plugin:") {
                    #expect(result.stderrText.contains("'evil'"), "\(command) names the plugin: \(result.stderrText)")
                    #expect(result.stderrText.contains("dfnsops-store-evil"), "and how to trust it")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: marker.path), "a program the manifest named was run")
        }
    }

    @Test("a plugin installed in a directory of DFNSOPS_PLUGIN_PATH is trusted")
    func trustedPluginValidates() async throws {
        try await withEmulator { emulator in
            let (workspace, _) = try Self.workspace("{plugin: evil}", emulator: emulator)
            let trusted = ["DFNSOPS_PLUGIN_PATH": "/nonexistent:" + workspace.directory.file("plugins").path]
            let result = try await workspace.dfnsops(["validate", "manifests/examples"], adding: trusted)
            #expect(result.status == 0, "\(result.stderrText)")
        }
    }
}
