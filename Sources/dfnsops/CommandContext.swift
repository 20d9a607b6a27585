import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores

/// What a command that works on the organisation has open: the validated manifests, the clock, the operator's
/// client for Dfns (or the sandbox) and the declared secret stores.
///
/// ``run(_:connection:applyLock:_:)`` opens them in the order every such command needs, hands them to the command,
/// and closes the connection (stopping the sandbox) whether the command succeeds or throws.
struct CommandContext {
    /// What a command may do with the organisation and the secret stores.
    enum Access: Equatable {
        /// Observe only: the operator's read token (`DFNS_PRIVATE_KEY` is never loaded), and the stores' metadata —
        /// with their values too when `values` is true and they are readable (a principal's token lets dfnsops
        /// list that principal's own credentials). `plan` and `drift`.
        case read(values: Bool)
        /// Change the organisation: the operator's key signs, the stores are read and written.
        case change
    }

    /// The validated manifests.
    let input: ManifestInput
    /// The time the command decides with (``CommandClock``).
    let now: @Sendable () -> Date
    /// The operator's client, with its key taken from the store when dfnsops has rotated it
    /// (``DfnsConnection/operatorClient(desired:stores:)``).
    let client: HTTPDfnsClient
    /// The declared secret stores, by name (``SecretStoreFactory``).
    let stores: [String: any SecretStore]
    /// Where the apply lock this command holds lives (``ApplyLocking/location``), or nil when it holds none.
    var lockLocation: String? = nil

    /// The validated desired state.
    var desired: DesiredState { input.desired }

    /// Observes the organisation and the stores and plans.
    func plan(_ options: PlanOptions) async throws -> Planner<HTTPDfnsClient>.Result {
        try await Planner(client: client, stores: stores, options: options).plan(desired, manifestsDigest: input.digest)
    }

    /// Runs `body` with the organisation open: takes the apply lock when `lockTimeout` is given (waiting at most
    /// that long, and saying whom it waits for), reads the clock, connects, opens the stores; then closes the
    /// connection and releases the lock, also when `body` throws.
    ///
    /// - Parameters:
    ///   - input: The validated manifests.
    ///   - options: `--sandbox` and `--rate-limit`.
    ///   - lockTimeout: How long to wait for another apply's lock, for the commands that change the organisation;
    ///     `nil` for those that only read it.
    ///   - access: What the command may do (``Access``); `.change` unless it only reads.
    ///   - body: The command's work.
    /// - Returns: What `body` returns.
    static func run<Result>(
        _ input: ManifestInput, connection options: ConnectionOptions, applyLock lockTimeout: Duration? = nil,
        access: Access = .change, _ body: (CommandContext) async throws -> Result
    ) async throws -> Result {
        var lock: (any ApplyLocking)?
        defer { lock?.release() }
        // The sandbox's lock also guards its state files, so it is taken before the sandbox starts. An
        // organisation's lock is named from the operator's token, so it is taken once the connection is configured
        // (which sends no request).
        if options.sandbox, let lockTimeout {
            try FileManager.default.createDirectory(
                atPath: Sandbox.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            lock = try await acquire(FileApplyLock(path: Sandbox.directory + "/apply.lock"), timeout: lockTimeout)
        }
        let now = try CommandClock.fromEnvironment()
        let connection = try await DfnsConnection.open(options, access: access == .change ? .sign : .read)
        do {
            if !options.sandbox, let lockTimeout {
                let configuration = connection.client.configuration
                let path = try ApplyLockDirectory.lockPath(
                    token: configuration.identity.token, baseURL: configuration.baseURL)
                lock = try await acquire(FileApplyLock(path: path), timeout: lockTimeout)
            }
            var stores = try SecretStoreFactory.open(input.desired, sandbox: options.sandbox, now: now)
            if access == .read(values: false) { stores = stores.mapValues { MetadataOnlySecretStore($0) } }
            let client = await connection.operatorClient(desired: input.desired, stores: stores)
            let context = CommandContext(
                input: input, now: now, client: client, stores: stores, lockLocation: lock?.location)
            let result = try await body(context)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Takes an apply lock (the organisation's, or the sandbox's), so that two commands that change the
    /// organisation never interleave; says on standard error whom it waits for.
    private static func acquire(_ lock: some ApplyLocking, timeout: Duration) async throws -> any ApplyLocking {
        try await lock.acquire(timeout: timeout) { holder in
            StandardStreams.err("Waiting for the apply lock (\(holder))…\n")
        }
        return lock
    }
}
