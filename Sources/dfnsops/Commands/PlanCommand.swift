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
            Reads the manifests, observes the live organisation and the secret stores (metadata only), and prints \
            an ordered plan: + create, ~ update, ↻ rotate, - deactivate or delete, ! blocked by a guard. Nothing \
            is changed. Secrets appear only as fingerprints, so the output is safe to post in a pull request.

            Exit status: 0 success (with --detailed-exitcode: no changes), 1 error, 2 changes present (only with \
            --detailed-exitcode), 64 usage error.

            Examples:
              dfnsops plan --sandbox manifests/examples
              dfnsops plan --out plan.json --format markdown > plan.md
              dfnsops plan --detailed-exitcode --stats
            """
    )

    /// The output formats of `plan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
        case json
    }

    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "Also write the JSON plan to this file, for a later 'dfnsops apply FILE'.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    @Option(
        help: ArgumentHelp(
            "At most this many rotations start in one run, the most overdue first; the rest wait. "
                + "(default: Settings' guards.maxRotations, else 10)", valueName: "n"))
    var maxRotations: Int?

    @Flag(help: "Print the number of API requests and the time spent, on standard error.")
    var stats = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let maxRotations, maxRotations < 0 { throw ValidationError("--max-rotations must not be negative") }
    }

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global)
        let now = try CommandClock.fromEnvironment()
        let started = ContinuousClock.now
        let dfns = try await DfnsConnection.open(connection)
        let result: Planner<HTTPDfnsClient>.Result
        do {
            let stores = try SecretStoreFactory.open(input.desired, sandbox: connection.sandbox, now: now)
            let client = await dfns.operatorClient(desired: input.desired, stores: stores)
            let options = PlanOptions(now: now(), maxRotations: maxRotations)
            let planner = Planner(client: client, stores: stores, options: options)
            result = try await planner.plan(input.desired, manifestsDigest: input.digest)
        } catch {
            await dfns.close()
            throw error
        }
        await dfns.close()
        var plan = result.plan
        plan.manifestPaths = input.paths
        if let out {
            try Data(PlanJSONRenderer.render(plan).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        }
        switch format {
        case .text: StandardStreams.out(PlanTextRenderer(color: global.usesColour(on: STDOUT_FILENO)).render(plan))
        case .markdown: StandardStreams.out(PlanMarkdownRenderer().render(plan))
        case .json: StandardStreams.out(try PlanJSONRenderer.render(plan))
        }
        if stats {
            let elapsed = ContinuousClock.now - started
            StandardStreams.err(
                "stats: \(dfns.client.requestCount) API requests in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))\n"
            )
        }
        if detailedExitcode, !plan.isEmpty {
            throw DfnsOpsExitCode.changes.exitCode
        }
    }
}
