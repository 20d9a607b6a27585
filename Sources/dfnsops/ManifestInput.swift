import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads and validates manifests for commands that need a valid desired state.
struct ManifestInput {
    let desired: DesiredState
    let digest: String
    /// The paths that were read (the default when none were given).
    let paths: [String]

    /// Loads `paths` (default `manifests/`); on any error prints the diagnostics and exits 1.
    /// - Parameter sandbox: the sandbox keeps every store in files and runs no plugin, so exec stores need none.
    static func load(_ paths: [String], global: GlobalOptions, sandbox: Bool = false) throws -> ManifestInput {
        let paths = paths.isEmpty ? ["manifests/"] : paths
        let (sources, inputDiagnostics) = ManifestLoader().load(paths)
        let validation = validator(global: global, sandbox: sandbox)
            .validate(sources, inputDiagnostics: inputDiagnostics)
        if !validation.diagnostics.isEmpty {
            StandardStreams.err(
                DiagnosticRenderer(colour: global.usesColour(on: STDERR_FILENO)).render(validation.diagnostics))
        }
        guard validation.isValid else {
            StandardStreams.err("The manifests have errors; fix them first (dfnsops validate shows them all).\n")
            throw DfnsOpsExitCode.error.exitCode
        }
        return ManifestInput(desired: validation.desiredState, digest: ManifestDigest.of(sources), paths: paths)
    }

    /// The validator every command uses: exec stores must name a plugin installed where dfnsops trusts plugins,
    /// and file stores must lie in the working directory or a root that `--store-root` or `DFNSOPS_STORE_ROOTS`
    /// allows. The sandbox keeps its own stores and runs no plugin, so it checks neither.
    static func validator(global: GlobalOptions, sandbox: Bool = false) -> ManifestValidator {
        guard !sandbox else { return ManifestValidator() }
        let environment = ProcessInfo.processInfo.environment
        return ManifestValidator(
            trustedPlugins: TrustedPlugins(environment: environment),
            storeRoots: StoreRoots(
                workingDirectory: FileManager.default.currentDirectoryPath, options: global.storeRoots,
                environment: environment))
    }
}
