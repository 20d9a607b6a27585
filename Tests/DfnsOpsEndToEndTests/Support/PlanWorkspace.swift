import Foundation
import SecretStores
import TestSupport
import Testing

/// A temporary working directory for one `dfnsops` run: manifests copied in, the file secret store the
/// example `local` store names (`.dfnsops/secrets`, mode 0700), and the emulator's operator in the environment.
///
/// `XDG_RUNTIME_DIR` points into the workspace (`.runtime`, unless another workspace's is shared), so that the
/// per-user apply locks of a test's runs stay in its own directory.
final class PlanWorkspace: Sendable {
    let directory: TemporaryDirectory
    let environment: [String: String]
    /// The `XDG_RUNTIME_DIR` of its runs: the apply locks are in `dfnsops/locks/` under it.
    let runtimeDirectory: URL

    /// Where `manifests/examples` declares its `local` file store, relative to the working directory.
    static let storeDirectory = ".dfnsops/secrets"

    /// A SecretStore manifest named `local` for a file store in `directory`.
    static func fileStoreManifest(directory: String) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: SecretStore
        metadata:
          name: local
        spec:
          type: file
          file:
            directory: \(directory)

        """
    }

    /// Creates the workspace.
    /// - Parameters:
    ///   - manifests: directories to copy in, each to the relative path given (for example
    ///     `manifests/examples` ← the repository's `manifests/examples`).
    ///   - emulator: the organisation `dfnsops` talks to, through `DFNS_*` variables from its `operator.env`;
    ///     nil for a run with no Dfns variables at all (the sandbox).
    ///   - runtimeDirectory: another workspace's ``runtimeDirectory``, for runs that must share its apply locks
    ///     (as two checkouts on one machine do); nil for the workspace's own.
    init(manifests: [(from: URL, to: String)], emulator: EmulatorProcess?, runtimeDirectory: URL? = nil) throws {
        directory = try TemporaryDirectory(prefix: "dfnsops-e2e")
        let manager = FileManager.default
        self.runtimeDirectory = runtimeDirectory ?? directory.file(".runtime")
        try manager.createDirectory(
            at: self.runtimeDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for (source, relative) in manifests {
            let target = directory.file(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: source, to: target)
        }
        var environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory.url.path, "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": self.runtimeDirectory.path,
            // Some tests share a store between workspaces (two checkouts on one machine): any temporary directory.
            "DFNSOPS_STORE_ROOTS": FileManager.default.temporaryDirectory.path,
        ]
        if let emulator {
            for name in ["DFNS_API_URL", "DFNS_AUTH_TOKEN", "DFNS_CRED_ID", "DFNS_PRIVATE_KEY"] {
                environment[name] = emulator.operatorEnvironment[name]
            }
        }
        self.environment = environment
    }

    /// The workspace's `local` file store, created (mode 0700) on first use.
    func store() throws -> FileSecretStore {
        try FileSecretStore(rootPath: directory.file(Self.storeDirectory).path)
    }

    /// Writes `relative` (a manifest the test generates) into the workspace.
    func write(_ text: String, to relative: String) throws {
        let target = directory.file(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    /// Runs the built `dfnsops` with `arguments` in the workspace, with `extra` variables added.
    /// Its output and the files it wrote go through the leak harness.
    func dfnsops(_ arguments: [String], adding extra: [String: String] = [:]) async throws -> CommandResult {
        let result = try await CommandRunner.run(
            try BuiltProducts.dfnsops().path, arguments, environment: environment.merging(extra) { $1 },
            currentDirectory: directory.url)
        await LeakCheck.run(stdout: result.stdoutText, stderr: result.stderrText, in: directory.url)
        return result
    }

    /// The text of a file in the workspace.
    func read(_ relative: String) throws -> String {
        try String(contentsOf: directory.file(relative), encoding: .utf8)
    }
}
