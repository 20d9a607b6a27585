import ArgumentParser
import DfnsOpsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops validate [PATH…]`: checks manifests and reports every problem at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests and report every problem, with its file, line and column.",
        discussion: """
            Reads *.yaml and *.yml files (directories recursively, in sorted order) and checks each manifest \
            against its kind's rules and the others (duplicate names, store references, adoption, the operator). \
            Nothing is sent to Dfns.

            Text diagnostics go to standard error as `path:line:col: error: message`, with a `hint:` line when \
            a fix is known. JSON goes to standard output.

            Exit status: 0 when every manifest is valid, 1 when there are errors, 64 on a usage error.

            Examples:
              dfnsops validate
              dfnsops validate manifests/examples manifests/extra.yaml
              dfnsops validate --format json > diagnostics.json
            """
    )

    /// The output formats of `validate`.
    enum Format: String, OutputFormat {
        case text
        case json
    }

    @OptionGroup var reportOptions: ManifestReportOptions<Format>

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let paths = reportOptions.paths.isEmpty ? ["manifests/"] : reportOptions.paths
        let (sources, inputDiagnostics) = ManifestLoader().load(paths)
        let validation = ManifestInput.validator(global: global).validate(sources, inputDiagnostics: inputDiagnostics)
        switch reportOptions.format {
        case .json:
            StandardStreams.out(
                DiagnosticRenderer.renderJSON(
                    validation.diagnostics,
                    files: validation.fileCount,
                    manifests: validation.manifestCount
                )
            )
        case .text:
            let renderer = DiagnosticRenderer(colour: global.usesColour(on: STDERR_FILENO))
            StandardStreams.err(renderer.render(validation.diagnostics))
            let counts =
                "\(validation.manifestCount) manifest\(validation.manifestCount == 1 ? "" : "s") in "
                + "\(validation.fileCount) file\(validation.fileCount == 1 ? "" : "s")"
            if validation.isValid {
                StandardStreams.out("\(counts): valid\n")
            } else {
                let errors = validation.errorCount
                StandardStreams.err("\(counts): \(errors) error\(errors == 1 ? "" : "s")\n")
            }
        }
        if !validation.isValid {
            throw DfnsOpsExitCode.error.exitCode
        }
    }
}
