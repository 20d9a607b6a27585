import ArgumentParser
import DfnsAPI
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops drift`: does the organisation still match the repository, and is anything overdue?
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report what differs from the manifests, is unmanaged, overdue, expiring or out of policy.",
        discussion: """
            Buckets: missing, changed, unmanaged, rotation-overdue, expiring, store-mismatch, inactive, \
            passkey-policy. Settings' drift ignore rules suppress findings until they expire; an expired rule is \
            reported. Nothing is changed.

            Drift needs only DFNS_API_URL and DFNS_AUTH_TOKEN (a read token) and never loads DFNS_PRIVATE_KEY. \
            Where a store lets it read a keyed principal's token, it lists that principal's own credentials to \
            find keys added beside dfnsops; with --metadata-only, or where the store holds no readable token, those \
            principals are reported as not inspected.

            Exit status: 0 in sync, 2 drift found in a --fail-on bucket, 1 error, 64 usage error.

            Examples:
              dfnsops drift --sandbox manifests/examples
              dfnsops drift --format sarif > drift.sarif
              dfnsops drift --format markdown --fail-on missing,changed,unmanaged
              dfnsops drift --format json --expiry-warning 14d
            """
    )

    /// The output formats of `drift`.
    enum Format: String, OutputFormat {
        case text
        case json
        case markdown
        case sarif
    }

    @OptionGroup var reportOptions: ManifestReportOptions<Format>

    @Option(
        help: ArgumentHelp(
            "Buckets that make drift exit 2 (comma-separated); the others are reported only. (default: all)",
            valueName: "buckets"))
    var failOn: String?

    @Option(
        help: ArgumentHelp("Report tokens that expire within this duration (90d, 12h, P30D).", valueName: "duration"))
    var expiryWarning = "30d"

    @OptionGroup var readAccess: ReadAccessOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try failingBuckets()
        guard ManifestDuration(parsing: expiryWarning) != nil else {
            throw ValidationError("--expiry-warning '\(expiryWarning)' is not a duration (examples: 30d, 12h, P14D)")
        }
    }

    private func failingBuckets() throws -> Set<DriftBucket> {
        guard let failOn else { return Set(DriftBucket.allCases) }
        var buckets: Set<DriftBucket> = []
        for name in failOn.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let bucket = DriftBucket(rawValue: name) else {
                throw ValidationError(
                    "--fail-on: unknown bucket '\(name)'; the buckets are "
                        + DriftBucket.allCases.map(\.rawValue).joined(separator: ", "))
            }
            buckets.insert(bucket)
        }
        return buckets
    }

    func run() async throws {
        let buckets = try failingBuckets()
        let warning = TimeInterval(ManifestDuration(parsing: expiryWarning)?.seconds ?? 30 * 86_400)
        let input = try ManifestInput.load(reportOptions.paths, global: global, sandbox: connection.sandbox)
        let report = try await CommandContext.run(input, connection: connection, access: readAccess.access) {
            context in
            try await DriftRunner(
                client: context.client, stores: context.stores, now: context.now(), expiryWarning: warning,
                operatorToken: context.client.configuration.identity.token
            ).run(input.desired, manifestsDigest: input.digest)
        }
        switch reportOptions.format {
        case .text:
            StandardStreams.out(
                DriftTextRenderer(color: global.usesColour(on: STDOUT_FILENO)).render(report, failingOn: buckets))
        case .markdown: StandardStreams.out(DriftMarkdownRenderer.render(report, failingOn: buckets))
        case .json: StandardStreams.out(try DriftJSONRenderer.render(report))
        case .sarif:
            StandardStreams.out(
                try DriftSARIFRenderer.render(report, failingOn: buckets, toolVersion: DfnsOpsVersion.current))
        }
        if !report.isInSync(failingOn: buckets) {
            throw DfnsOpsExitCode.changes.exitCode
        }
    }
}
