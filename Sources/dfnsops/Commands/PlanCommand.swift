import ArgumentParser
import DfnsAPI
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops plan`: compare the manifests with the live organisation and show what apply would do.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the actions that would bring the organisation to the manifests.",
        discussion: """
            Reads the manifests, observes the live organisation and the secret stores, and prints an ordered plan: \
            + create, ~ update, ↻ rotate, - deactivate or delete, ! blocked by a guard. Nothing is changed. Secrets \
            appear only as fingerprints, so the output is safe to post in a pull request.

            Plan needs only DFNS_API_URL and DFNS_AUTH_TOKEN (a read token): it never loads DFNS_PRIVATE_KEY and \
            never signs. With --metadata-only it reads no secret value from any store either; what only a \
            principal's own token could show is then known after apply, which lists it again before changing a \
            key. A plan saved with --out applies the same way whichever access made it.

            Exit status: 0 success (with --detailed-exitcode: no changes), 1 error, 2 changes present (only with \
            --detailed-exitcode), 64 usage error.

            Examples:
              dfnsops plan --sandbox manifests/examples
              dfnsops plan --out plan.json --format markdown > plan.md
              dfnsops plan --detailed-exitcode --stats
              DFNS_API_URL=… DFNS_AUTH_TOKEN=… dfnsops plan --metadata-only --out plan.json manifests/
            """
    )

    /// The output formats of `plan`.
    enum Format: String, OutputFormat {
        case text
        case markdown
        case json
    }

    @OptionGroup var reportOptions: ManifestReportOptions<Format>

    @Option(
        help: ArgumentHelp(
            "Also write the JSON plan to this file, for a later 'dfnsops apply FILE'.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    @Option(help: RotationLimit.help())
    var maxRotations: Int?

    @Flag(help: "Print the number of API requests and the time spent, on standard error.")
    var stats = false

    @OptionGroup var readAccess: ReadAccessOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try RotationLimit.validate(maxRotations)
    }

    func run() async throws {
        let input = try ManifestInput.load(reportOptions.paths, global: global, sandbox: connection.sandbox)
        let started = ContinuousClock.now
        let (result, client) = try await CommandContext.run(input, connection: connection, access: readAccess.access) {
            context in
            (try await context.plan(PlanOptions(now: context.now(), maxRotations: maxRotations)), context.client)
        }
        var plan = result.plan
        plan.manifestPaths = input.paths
        if let out {
            try Data(PlanJSONRenderer.render(plan).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        }
        switch reportOptions.format {
        case .text: StandardStreams.out(PlanTextRenderer(color: global.usesColour(on: STDOUT_FILENO)).render(plan))
        case .markdown: StandardStreams.out(PlanMarkdownRenderer().render(plan))
        case .json: StandardStreams.out(try PlanJSONRenderer.render(plan))
        }
        if stats {
            let elapsed = ContinuousClock.now - started
            StandardStreams.err(
                "stats: \(client.requestCount) API requests in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))\n"
            )
        }
        if detailedExitcode, !plan.isEmpty {
            throw DfnsOpsExitCode.changes.exitCode
        }
    }
}
