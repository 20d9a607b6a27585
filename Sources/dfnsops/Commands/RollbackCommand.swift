import ArgumentParser
import DfnsOpsCore
import Foundation

/// `dfnsops rollback KIND/NAME`: return a rotating object to its previous key or secret.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Return a rotated key or webhook secret to the previous generation.",
        discussion: """
            For a service account or PAT: reactivates the previous credential (or, with strategy replace, the \
            previous principal), deactivates the newer one, verifies that the previous key signs, and makes it \
            current in the secret store again. For a webhook: possible only during the overlap, while the old \
            webhook still exists; the twin is deleted and the old secret is current again. Repeating an \
            interrupted rollback finishes it.

            Examples:
              dfnsops rollback ServiceAccount/payments-signer
              dfnsops rollback Webhook/treasury --sandbox manifests/examples
            """
    )

    @Argument(help: "The object to roll back, as Kind/name.")
    var object: ObjectAddress

    @Argument(help: "Manifest files or directories. (default: manifests/)")
    var paths: [String] = []

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let input = try ManifestInput.load(paths, global: global, sandbox: connection.sandbox)
        try await CommandContext.run(input, connection: connection, applyLock: .seconds(300)) { context in
            do {
                let message = try await RollbackRunner(
                    client: context.client, desired: context.desired, stores: context.stores
                ).rollback(object)
                StandardStreams.out("Rolled back \(object): \(message)\n")
            } catch let error as ApplyError {
                StandardStreams.err("Rollback of \(object) failed: \(error.message)\n")
                throw DfnsOpsExitCode.error.exitCode
            }
        }
    }
}
