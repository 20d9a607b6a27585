import ArgumentParser
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops rollback KIND/NAME`: return a rotating object to its previous key or secret, as a planned action.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Return a rotated key or webhook secret to the previous generation.",
        discussion: """
            Observes, then shows the rollback's plan: one action with every change it makes (by name and id), and \
            asks for confirmation on a terminal (or pass --auto-approve). For a service account or PAT: \
            reactivates the previous credential (or, with strategy replace, the previous principal), verifies that \
            the previous key signs, and only then deactivates the newer one; the secret store makes the previous \
            version current once Dfns is switched back. For a webhook: possible only while the old webhook exists \
            (the overlap); the twin is deleted, then the old secret is current again. Where the previous \
            generation was deleted the plan says rollback is impossible, and nothing changes (exit 3).

            Afterwards the object's rotation is held: no rotation starts again until its rotation.trigger changes \
            or 'dfnsops rotate' is run. Guards apply (protect: true, the operator's own principal), the apply lock \
            is held, and an interrupted rollback is finished by running it again.

            Examples:
              dfnsops rollback ServiceAccount/payments-signer
              dfnsops rollback Webhook/treasury --sandbox manifests/examples --auto-approve --format json
            """
    )

    @Argument(help: "The object to roll back, as Kind/name.")
    var object: ObjectAddress

    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Option(help: ArgumentHelp("How long to wait for another apply's lock.", valueName: "seconds"))
    var lockTimeout = 300

    @Option(help: "Output format for the result: text, or json (the apply report, schemas/apply-report.schema.json).")
    var format: ApplyCommand.Format = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard lockTimeout >= 0 else { throw ValidationError("--lock-timeout must not be negative") }
    }

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global, sandbox: connection.sandbox)
        guard input.desired.manifest(at: object) != nil else {
            throw ValidationError("\(object) is not declared in \(input.paths.joined(separator: ", "))")
        }
        let code = try await CommandContext.run(input, connection: connection, applyLock: .seconds(lockTimeout)) {
            try await rollback($0)
        }
        if let code { throw code.exitCode }
    }

    /// Plans the rollback, shows it, asks, and applies it; returns the exit code to end with (nil for success).
    private func rollback(_ context: CommandContext) async throws -> DfnsOpsExitCode? {
        let options = PlanOptions(now: context.now())
        let base = try await context.plan(options)
        let plan: Plan
        do {
            plan = try await RollbackRunner(
                client: context.client, desired: context.desired, stores: context.stores, now: context.now
            ).plan(object, base: base.plan, live: base.live, options: options)
        } catch let error as ApplyError {
            StandardStreams.err("Rollback of \(object) failed: \(error.message)\n")
            return .error
        }
        let colour = global.usesColour(on: STDERR_FILENO)
        if plan.isEmpty {
            StandardStreams.err("\(object) is already rolled back: its rotation is held; nothing to do.\n")
            if format == .json { try ApplyExecution.writeEmptyReport(plan, context: context) }
            return nil
        }
        StandardStreams.err(PlanTextRenderer(color: colour).render(plan))
        if plan.actions.allSatisfy(\.isBlocked) {
            // Refused before anything changes, so nobody needs to confirm: the report records the blocked action
            // (no request is sent) and the exit code is 3.
            let reasons = plan.actions.flatMap(\.guards).filter { !$0.passed }.map(\.message)
            StandardStreams.err(
                "Rollback of \(object) refused; nothing was changed: \(reasons.joined(separator: "; "))\n")
        } else if let refusal = ApplyExecution.confirm(plan, autoApprove: autoApprove) {
            return refusal
        }
        return try await ApplyExecution.run(
            plan, live: nil, context: context, parallelism: 1, json: format == .json, colour: colour)
    }
}
