import ArgumentParser
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops rotate KIND/NAME`: start (or continue) a rotation now, without changing any manifest.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotate one object's key or webhook secret now, whatever its age.",
        discussion: """
            Plans a rotation of KIND/NAME as if it were due and applies only that. The steps are those of a \
            scheduled rotation: a new key is staged in the secret store, registered, verified and made current; \
            the old one stays active for the overlap, and a later apply retires it. Guards still apply.

            Examples:
              dfnsops rotate ServiceAccount/payments-signer --auto-approve
              dfnsops rotate Webhook/treasury --sandbox manifests/examples --auto-approve
            """
    )

    @Argument(help: "The object to rotate, as Kind/name (ServiceAccount, PersonalAccessToken or Webhook).")
    var object: ObjectAddress

    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @Flag(help: "Do not ask for confirmation.")
    var autoApprove = false

    @Option(help: "Output format for the result: text, or json (the apply report).")
    var format: ApplyCommand.Format = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global, sandbox: connection.sandbox)
        guard input.desired.manifest(at: object) != nil else {
            throw ValidationError("\(object) is not declared in \(input.paths.joined(separator: ", "))")
        }
        let code = try await CommandContext.run(input, connection: connection, applyLock: .seconds(300)) {
            try await rotate($0)
        }
        if let code { throw code.exitCode }
    }

    /// Plans the rotation alone, shows it, asks, and applies it; returns the exit code to end with (nil for success).
    private func rotate(_ context: CommandContext) async throws -> DfnsOpsExitCode? {
        var plan = try await context.plan(PlanOptions(now: context.now(), manualRotations: [object])).plan
        plan.actions = plan.actions.filter { $0.type == .rotate && $0.address == object }
        plan.actions = plan.actions.map { action in
            var action = action
            action.dependsOn = []
            return action
        }
        plan.notes = plan.notes.filter { $0.label == object.description }
        let colour = global.usesColour(on: STDERR_FILENO)
        StandardStreams.err(PlanTextRenderer(color: colour).render(plan))
        if plan.isEmpty {
            StandardStreams.err("\(object) has no rotation step to take now (see the findings above).\n")
            return nil
        }
        if let refusal = ApplyExecution.confirm(plan, autoApprove: autoApprove) {
            return refusal
        }
        return try await ApplyExecution.run(
            plan, live: nil, context: context, parallelism: 1, json: format == .json, colour: colour)
    }
}
