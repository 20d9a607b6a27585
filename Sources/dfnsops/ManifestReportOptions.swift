import ArgumentParser

/// An output format a command offers with `--format`; the first one, `text`, is the default.
protocol OutputFormat: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {
    /// The format for people, written when `--format` is not given.
    static var text: Self { get }
}

/// The manifests a reporting command reads and the format it writes (`validate`, `plan`, `drift`).
struct ManifestReportOptions<Format: OutputFormat>: ParsableArguments {
    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text
}
