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
        let input = try ManifestInput.load(paths, global: global)
        let lock = try await ApplyLock.acquire(
            path: (connection.sandbox ? Sandbox.directory : ".dfnsops") + "/apply.lock", timeout: .seconds(300)
        ) { holder in StandardStreams.err("Waiting for the apply lock (\(holder))…\n") }
        defer { lock.release() }
        let now = try CommandClock.fromEnvironment()
        let dfns = try await DfnsConnection.open(connection)
        do {
            let stores = try SecretStoreFactory.open(input.desired, sandbox: connection.sandbox, now: now)
            let client = await dfns.operatorClient(desired: input.desired, stores: stores)
            let message = try await RollbackRunner(client: client, desired: input.desired, stores: stores)
                .rollback(kind: object.kind, name: object.name)
            StandardStreams.out("Rolled back \(object): \(message)\n")
        } catch let error as ApplyError {
            await dfns.close()
            StandardStreams.err("Rollback of \(object) failed: \(error.message)\n")
            throw DfnsOpsExitCode.error.exitCode
        } catch {
            await dfns.close()
            throw error
        }
        await dfns.close()
    }
}
