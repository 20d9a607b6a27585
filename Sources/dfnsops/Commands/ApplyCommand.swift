import ArgumentParser
import DfnsAPI
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops apply`: carry out a reviewed plan, or a fresh one after confirmation.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out a saved plan, or plan and apply after confirmation.",
        discussion: """
            With a saved plan (a .json file written by 'plan --out'), apply observes the organisation again, \
            recomputes the plan and refuses with exit 3 if the organisation or the manifests changed since; \
            otherwise it carries out exactly the reviewed actions, without asking. Without a plan file it shows \
            a fresh plan and asks 'Apply N actions? [y/N]' on a terminal; in CI pass --auto-approve.

            Every action is idempotent: a run interrupted at any point is completed by the next one, objects \
            created by the interrupted run are found by their ownership marker, and a key is written to the \
            secret store before its public key is sent to Dfns. An apply lock, named for the organisation and \
            kept in a per-user directory ($XDG_RUNTIME_DIR/dfnsops/locks, else /tmp/dfnsops-<uid>/locks), keeps \
            two applies to one organisation on this machine from interleaving, whatever their working directory.

            Exit status: 0 every action done (or nothing to do), 1 error or failed action, 2 some actions wait \
            for a policy approval (apply again later), 3 a safety guard blocked an action or the saved plan is \
            stale, 64 usage error.

            Examples:
              dfnsops apply plan.json
              dfnsops apply --auto-approve manifests/
              dfnsops apply --sandbox --auto-approve manifests/examples
              dfnsops apply plan.json --format json > apply-report.json
            """
    )

    /// The output formats of `apply`.
    enum Format: String, OutputFormat {
        case text
        case json
    }

    @Argument(help: "A saved plan (.json) and/or manifest files or directories. (default: the plan's, or manifests/)")
    var paths: [String] = []

    @Flag(help: "Apply a fresh plan without asking (for CI).")
    var autoApprove = false

    @Option(help: "How many independent actions run at once.")
    var parallelism = 4

    @Option(help: ArgumentHelp("How long to wait for another apply's lock.", valueName: "seconds"))
    var lockTimeout = 300

    @Option(help: RotationLimit.help(note: "Give the same value as to the plan. "))
    var maxRotations: Int?

    @Option(help: "Output format for the result: text, or json (the apply report, schemas/apply-report.schema.json).")
    var format: Format = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
        guard lockTimeout >= 0 else { throw ValidationError("--lock-timeout must not be negative") }
        try RotationLimit.validate(maxRotations)
        if paths.filter({ $0.hasSuffix(".json") }).count > 1 {
            throw ValidationError("give at most one saved plan (.json)")
        }
    }

    func run() async throws {
        let planPath = paths.first { $0.hasSuffix(".json") }
        let saved = try planPath.map(Self.readPlan)
        var manifestPaths = paths.filter { !$0.hasSuffix(".json") }
        if manifestPaths.isEmpty, let saved { manifestPaths = saved.manifestPaths }
        let input = try ManifestInput.load(manifestPaths, global: global, sandbox: connection.sandbox)
        let code = try await CommandContext.run(input, connection: connection, applyLock: .seconds(lockTimeout)) {
            try await apply($0, saved: saved)
        }
        if let code { throw code.exitCode }
    }

    /// Plans, checks the saved plan or asks, and applies; returns the exit code to end with (nil for success).
    private func apply(_ context: CommandContext, saved: Plan?) async throws -> DfnsOpsExitCode? {
        let planned = try await context.plan(PlanOptions(now: context.now(), maxRotations: maxRotations))
        let plan = planned.plan
        let colour = global.usesColour(on: STDERR_FILENO)

        if let saved {
            let staleness = PlanStaleness(saved: saved, current: plan)
            if staleness.isStale {
                StandardStreams.err(
                    "The saved plan is stale; nothing was applied.\n" + staleness.reasons.joined(separator: "\n")
                        + "\nRun 'dfnsops plan --out FILE' again, review it, and apply the new plan.\n")
                return .refused
            }
        } else {
            StandardStreams.err(PlanTextRenderer(color: colour).render(plan))
            if let refusal = ApplyExecution.confirm(plan, autoApprove: autoApprove) {
                return refusal
            }
        }
        return try await ApplyExecution.run(
            plan, live: planned.live, context: context, parallelism: parallelism, json: format == .json,
            colour: colour)
    }

    private static func readPlan(_ path: String) throws -> Plan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read the plan file \(path): \(error.localizedDescription)")
        }
        do {
            return try PlanJSONRenderer.decode(data)
        } catch {
            throw ValidationError("\(path) is not a dfnsops plan (write one with 'dfnsops plan --out \(path)')")
        }
    }
}
