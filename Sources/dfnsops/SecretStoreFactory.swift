import DfnsOpsCore
import Foundation
import SecretStores

/// Opens the secret stores that manifests declare.
enum SecretStoreFactory {
    /// Where a plugin's stderr goes: the debug log on standard error when `DFNSOPS_LOG_LEVEL=debug`, else nowhere.
    /// Never into an error or a report: a plugin may print anything there.
    static var debugLog: (@Sendable (String) -> Void)? {
        guard ProcessInfo.processInfo.environment["DFNSOPS_LOG_LEVEL"] == "debug" else { return nil }
        return { line in StandardStreams.err("debug: \(line)\n") }
    }

    /// One store per declared SecretStore, by name. Relative file-store directories are resolved against the
    /// current directory. With `sandbox`, every store is a file store under `.dfnsops/sandbox/stores/<name>`.
    /// `now` stamps the versions the stores write (``CommandClock``).
    static func open(
        _ desired: DesiredState, sandbox: Bool, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> [String: any SecretStore] {
        var stores: [String: any SecretStore] = [:]
        for declared in desired.secretStores {
            let name = declared.metadata.name
            if sandbox {
                stores[name] = try FileSecretStore(rootPath: Sandbox.storesDirectory + "/" + name, now: now)
                continue
            }
            switch declared.spec.backend {
            case .file(let directory):
                // Validation refused a directory outside the working directory and the allowed store roots.
                stores[name] = try FileSecretStore(rootPath: directory, now: now)
            case .exec(let plugin, let arguments, let timeout):
                // Validation refused a plugin that is not installed in a trusted directory; this is the only place
                // a program is started for a store, and only from there.
                guard
                    let executable = TrustedPlugins(environment: ProcessInfo.processInfo.environment)
                        .executable(for: plugin)
                else {
                    throw SecretStoreError.pluginLaunchFailed(
                        command: TrustedPlugins.prefix + plugin,
                        reason: "SecretStore '\(name)' names it, but it is not installed in a directory of "
                            + "\(TrustedPlugins.pathVariable); nothing was run")
                }
                stores[name] = try ExecSecretStore(
                    command: [executable] + arguments, timeout: timeout.map { .seconds($0.seconds) } ?? .seconds(30),
                    now: now, diagnostics: debugLog)
            }
        }
        return stores
    }
}
