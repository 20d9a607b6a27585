import Foundation
import TestSupport
import Testing

/// Issue 14: a pull request can change any manifest, so a manifest never chooses a program to run. Exec stores
/// name a plugin, and only an executable `dfnsops-store-<name>` in a directory of `DFNSOPS_PLUGIN_PATH` — set where
/// dfnsops runs, not in the repository — is ever started. Nor does a manifest choose where a file store reads and
/// writes: only inside the working directory or a root that `--store-root` or `DFNSOPS_STORE_ROOTS` allows.
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

    @Test("validate refuses a file store outside the working directory unless DFNSOPS_STORE_ROOTS or --store-root say")
    func storeOutsideRoots() async throws {
        let workspace = try PlanWorkspace(
            manifests: [(MixedOrganisation.examples, "manifests/examples")], emulator: nil)
        let outside = try TemporaryDirectory(prefix: "dfnsops-outside")
        let escape = "../" + outside.url.lastPathComponent
        try workspace.write(
            PlanWorkspace.fileStoreManifest(directory: escape), to: "manifests/examples/stores/local.yaml")
        let noRoots = ["DFNSOPS_STORE_ROOTS": ""]

        let refused = try await workspace.dfnsops(["validate", "manifests/examples"], adding: noRoots)
        #expect(refused.status == 1, "\(refused.stdoutText)\(refused.stderrText)")
        #expect(refused.stderrText.hasPrefix("manifests/examples/stores/local.yaml:8:"), "\(refused.stderrText)")
        #expect(
            refused.stderrText.contains(
                "error: SecretStore 'local' keeps its files in '\(escape)', which is outside the directories "
                    + "dfnsops allows stores in"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("--store-root DIR"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("DFNSOPS_STORE_ROOTS"), "\(refused.stderrText)")
        let json = try await workspace.dfnsops(
            ["validate", "--format", "json", "manifests/examples"], adding: noRoots)
        #expect(json.status == 1)
        #expect(json.stdoutText.contains(#""code" : "store-outside-roots""#), "\(json.stdoutText)")

        let byVariable = try await workspace.dfnsops(
            ["validate", "manifests/examples"], adding: ["DFNSOPS_STORE_ROOTS": outside.url.path])
        #expect(byVariable.status == 0, "\(byVariable.stderrText)")
        let byOption = try await workspace.dfnsops(
            ["validate", "--store-root", outside.url.path, "manifests/examples"], adding: noRoots)
        #expect(byOption.status == 0, "\(byOption.stderrText)")
        // The sandbox keeps its own stores, so the manifest's directory is neither checked nor opened.
        let sandbox = try await workspace.dfnsops(["plan", "--sandbox", "manifests/examples"], adding: noRoots)
        #expect(sandbox.status == 0, "\(sandbox.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
    }
}
