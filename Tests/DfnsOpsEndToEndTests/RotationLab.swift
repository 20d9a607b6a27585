import DfnsAPI
import Foundation
import SecretStores
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The world of one rotation test: a `dfns-emulator --manual-clock` process, a working directory with manifests
/// the test writes and the `local` file store, and one clock that the emulator and every `dfnsops` run share
/// (the emulator through its admin API, dfnsops through `DFNSOPS_NOW`), so that days pass in a second.
final class RotationLab {
    let emulator: EmulatorProcess
    let directory: TemporaryDirectory
    /// The shared time: the emulator's manual clock and `DFNSOPS_NOW` of every run.
    private(set) var now: Date
    /// Every `webhook-receiver` started, killed or not: their output goes through the leak harness at the end.
    private var receivers: [RotationProcess] = []

    /// Where the manifests live, relative to the working directory.
    static let manifests = "manifests"
    /// Where the `local` store keeps its entries, relative to the working directory.
    static let storeDirectory = ".dfnsops/secrets"
    static let day: TimeInterval = 86_400

    /// The permissions the test manifests assign.
    static let permissionsSeed = """
        {"permissions": [
          {"name": "Payments Initiator", "operations": ["Wallets:Read", "Wallets:Transfers:Create"]},
          {"name": "Wallets Reader", "operations": ["Wallets:Read"]},
          {"name": "DfnsOps Reconciler", "operations": ["Auth:ServiceAccounts:Create", "Auth:ServiceAccounts:Read",
            "Auth:ServiceAccounts:Update", "Auth:ServiceAccounts:Activate", "Auth:ServiceAccounts:Deactivate",
            "Auth:ServiceAccounts:Delete", "Webhooks:Create", "Webhooks:Read", "Webhooks:Update", "Webhooks:Delete",
            "Webhooks:Ping", "Permissions:Read", "Permissions:Assign", "Permissions:Revoke", "Auth:Users:Read",
            "Auth:Pats:Read"]}
        ]}
        """

    private init(emulator: EmulatorProcess, directory: TemporaryDirectory, now: Date) {
        self.emulator = emulator
        self.directory = directory
        self.now = now
    }

    /// Starts the emulator (manual clock, no rate limit) and sets its clock to the next whole second.
    static func start(emulatorArguments: [String] = []) async throws -> RotationLab {
        let emulator = try await EmulatorProcess.launch(
            // A generous webhook timeout: the receivers are dfnsops processes on cores that parallel tests share.
            arguments: ["--manual-clock", "--rate-limit", "0", "--webhook-timeout", "120"] + emulatorArguments,
            seed: Data(permissionsSeed.utf8))
        do {
            let directory = try TemporaryDirectory(prefix: "dfnsops-rotation")
            try FileManager.default.createDirectory(
                at: directory.file(Self.runtimeDirectory), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 1).rounded(.down))
            let lab = RotationLab(emulator: emulator, directory: directory, now: start)
            try await lab.setClock(start)
            try lab.write(Self.baseManifests, to: "\(manifests)/base.yaml")
            return lab
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Runs `body` with a fresh lab and stops its emulator afterwards.
    static func with<Value>(
        emulatorArguments: [String] = [], _ body: (RotationLab) async throws -> Value
    ) async throws -> Value {
        let lab = try await start(emulatorArguments: emulatorArguments)
        do {
            let value = try await body(lab)
            await lab.checkReceivers()
            await lab.emulator.stop()
            return value
        } catch {
            await lab.checkReceivers()
            await lab.emulator.stop()
            throw error
        }
    }

    /// Stops every receiver still running and passes what each printed through the leak harness, looking also for
    /// the webhook secrets the emulator holds (a receiver knows them all, the old ones included).
    private func checkReceivers() async {
        guard !receivers.isEmpty else { return }
        LeakHarness.register((try? await emulator.webhookSecrets().values).map(Array.init) ?? [])
        for receiver in receivers {
            await receiver.stopAndCheckForLeaks()
        }
        receivers = []
    }

    // MARK: - The clock

    private func setClock(_ date: Date) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["now": Self.iso(date)])
        try await emulator.admin("PUT", "clock", body: body)
        now = date
    }

    /// Moves the shared clock forward.
    func advance(days: Double = 0, seconds: TimeInterval = 0) async throws {
        try await setClock(now.addingTimeInterval(days * Self.day + seconds))
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    // MARK: - Manifests

    static let baseManifests = """
        apiVersion: dfnsops.dev/v1alpha1
        kind: SecretStore
        metadata:
          name: local
        spec:
          type: file
          file:
            directory: \(storeDirectory)
        ---
        apiVersion: dfnsops.dev/v1alpha1
        kind: Settings
        metadata:
          name: rotation-test
        spec:
          defaults:
            store:
              ref: local
        """

    /// A ServiceAccount manifest, stored at `accounts/NAME`.
    static func serviceAccount(
        _ name: String, algorithm: String = "ecdsa-p256", permissions: [String] = ["Payments Initiator"],
        maxAge: String = "90d", overlap: String = "3d", retain: String = "30d", strategy: String = "rekey",
        extra: [String] = []
    ) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: ServiceAccount
        metadata:
          name: \(name)
        spec:
          permissions: [\(permissions.map { "\"\($0)\"" }.joined(separator: ", "))]
          key:
            algorithm: \(algorithm)
            rotation:
              maxAge: \(maxAge)
              overlap: \(overlap)
              retain: \(retain)
              strategy: \(strategy)
          store:
            ref: local
            path: accounts/\(name)
        \(extra.map { "  \($0)" }.joined(separator: "\n"))
        """
    }

    /// A Webhook manifest, its secret stored at `webhooks/NAME`.
    static func webhook(
        _ name: String, url: String, maxAge: String = "180d", overlap: String = "7d", extra: [String] = []
    ) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: Webhook
        metadata:
          name: \(name)
        spec:
          url: \(url)
          events: ["wallet.transfer.confirmed", "wallet.transfer.failed"]
          status: Enabled
          secret:
            rotation:
              maxAge: \(maxAge)
              overlap: \(overlap)
            store:
              ref: local
              path: webhooks/\(name)
        \(extra.map { "  \($0)" }.joined(separator: "\n"))
        """
    }

    /// Writes a file into the working directory.
    func write(_ text: String, to relative: String) throws {
        let target = directory.file(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    /// Writes a manifest into the manifest directory.
    func declare(_ manifest: String, as name: String) throws {
        try write(manifest, to: "\(Self.manifests)/\(name).yaml")
    }

    // MARK: - Running dfnsops

    /// The `XDG_RUNTIME_DIR` of every run, relative to the working directory: the apply locks stay in the lab,
    /// and runs from another directory (``launch(_:environment:in:)``) share them.
    static let runtimeDirectory = ".runtime"

    /// The environment of a run: the emulator's operator, `DFNSOPS_NOW` and `XDG_RUNTIME_DIR`, then `overrides`
    /// (an empty value removes a variable).
    func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory.url.path, "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": directory.file(Self.runtimeDirectory).path,
        ]
        for name in ["DFNS_API_URL", "DFNS_AUTH_TOKEN", "DFNS_CRED_ID", "DFNS_PRIVATE_KEY"] {
            environment[name] = emulator.operatorEnvironment[name]
        }
        environment["DFNSOPS_NOW"] = Self.iso(now)
        for (name, value) in overrides {
            environment[name] = value.isEmpty ? nil : value
        }
        return environment
    }

    /// Starts the built `dfnsops` in the working directory (or in `directory`).
    func launch(
        _ arguments: [String], environment overrides: [String: String] = [:], in directory: TemporaryDirectory? = nil
    ) throws -> RotationProcess {
        try RotationProcess(
            arguments: arguments, environment: environment(overrides), directory: directory ?? self.directory)
    }

    /// Starts `dfnsops webhook-receiver --webhook NAME` on `port` (0: a free one) in the working directory (or in
    /// `directory`, with its own store), with the lab's time, and returns it with its URL once it listens. A port
    /// just freed by a killed receiver may take a moment to bind again, so binding is retried.
    func startReceiver(webhook: String, port: Int = 0, in directory: TemporaryDirectory? = nil) async throws
        -> (process: RotationProcess, url: String)
    {
        var lastError: (any Error)?
        for _ in 0..<50 {
            let receiver = try launch(
                ["webhook-receiver", "--webhook", webhook, Self.manifests, "--port", String(port)], in: directory)
            receivers.append(receiver)
            do {
                return (receiver, try await receiver.waitForLine(prefix: "listening on "))
            } catch {
                receiver.sigkill()
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? RotationTestFailure("the receiver did not start")
    }

    /// A copy of the working directory's manifests and store, as they are now (for a receiver that will never
    /// learn a later secret).
    func snapshot() throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory(prefix: "dfnsops-rotation-snapshot")
        let manager = FileManager.default
        for relative in [Self.manifests, Self.storeDirectory] {
            let target = copy.file(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: directory.file(relative), to: target)
        }
        return copy
    }

    /// Runs the built `dfnsops` to the end.
    func dfnsops(_ arguments: [String], environment overrides: [String: String] = [:]) async throws
        -> RotationRunResult
    {
        try await launch(arguments, environment: overrides).finish()
    }

    /// `dfnsops apply --auto-approve manifests --parallelism 1`, then `arguments`.
    func apply(_ arguments: [String] = [], environment overrides: [String: String] = [:]) async throws
        -> RotationRunResult
    {
        try await dfnsops(
            ["apply", "--auto-approve", Self.manifests, "--parallelism", "1"] + arguments, environment: overrides)
    }

    /// `dfnsops plan manifests`, then `arguments`.
    func plan(_ arguments: [String] = [], environment overrides: [String: String] = [:]) async throws
        -> RotationRunResult
    {
        try await dfnsops(["plan", Self.manifests] + arguments, environment: overrides)
    }

    /// `dfnsops plan manifests --format json`, decoded.
    func planJSON(_ arguments: [String] = [], environment overrides: [String: String] = [:]) async throws
        -> [String: Any]
    {
        let result = try await plan(["--format", "json"] + arguments, environment: overrides)
        guard result.status == 0,
            let plan = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { throw RotationTestFailure("plan --format json failed: \(result)") }
        return plan
    }

    // MARK: - The store

    /// The `local` file store, opened on the test's side.
    func store() throws -> FileSecretStore {
        try FileSecretStore(rootPath: directory.file(Self.storeDirectory).path)
    }

    /// The metadata of an entry (for example `accounts/payments-signer`).
    func entry(_ path: String) async throws -> EntryMetadata {
        guard let metadata = try await store().metadata(of: try SecretEntryPath(path)) else {
            throw RotationTestFailure("the store has no entry \(path)")
        }
        return metadata
    }

    /// The identity (token, credential id and key) held under one stage of an entry.
    func identity(_ path: String, _ stage: SecretStage = .current) async throws -> DfnsIdentity {
        let entry = try SecretEntryPath(path)
        let store = try store()
        let material = try await store.readValue(of: entry, stage: stage)
        let metadata = try await store.metadata(of: entry)
        guard let pem = material.privateKeyPEM, let token = material.token,
            let credentialId = material.credentialId ?? metadata?[stage]?.metadata.credentialId
        else { throw RotationTestFailure("the \(stage.rawValue) version of \(path) holds no key, token or id") }
        return DfnsIdentity(
            token: token,
            signer: KeyCredentialSigner(credentialId: credentialId, privateKey: try PrivateSigningKey(pem: pem)))
    }

    // MARK: - Dfns, as the operator and as others

    /// A client acting as `identity` (default: the emulator's operator).
    func client(as identity: DfnsIdentity? = nil) throws -> HTTPDfnsClient {
        let configuration = try DfnsClientConfiguration.fromEnvironment(
            emulator.operatorEnvironment, rateLimitPerMinute: 0)
        let client = HTTPDfnsClient(configuration: configuration)
        return identity.map { client.acting(as: $0) } ?? client
    }

    /// Makes a signed call as `identity`: a user action (challenge, signature with its key, token). Throws when
    /// Dfns refuses the token or the signature.
    func signedCall(as identity: DfnsIdentity) async throws {
        let client = try client(as: identity)
        let challenge = try await client.initUserAction(
            UserActionInitRequest(method: "POST", path: "/auth/credentials/init", payload: #"{"kind":"Key"}"#))
        let assertion = try #require(identity.signer).assertion(forChallenge: challenge.challenge)
        let response = try await client.completeUserAction(
            UserActionCompleteRequest(
                challengeIdentifier: challenge.challengeIdentifier,
                firstFactor: UserActionFactor(credentialAssertion: assertion)))
        guard !response.userAction.isEmpty else { throw RotationTestFailure("no user-action token") }
    }

    /// Whether a signed call as `identity` succeeds.
    func signs(as identity: DfnsIdentity) async -> Bool {
        (try? await signedCall(as: identity)) != nil
    }

    /// One credential as the emulator holds it.
    struct LiveCredential: CustomStringConvertible {
        var uuid: String
        var credentialId: String
        var name: String
        var isActive: Bool
        var fingerprint: String?
        var created: String

        var description: String {
            "\(name) \(credentialId) \(isActive ? "active" : "inactive") \(fingerprint ?? "?")"
        }
    }

    /// The Key credentials of a user or service account, oldest first, from the emulator's state.
    func credentials(owner: String) async throws -> [LiveCredential] {
        let all = try await emulator.stateDump()["credentials"] as? [[String: Any]] ?? []
        return all.filter { $0["ownerId"] as? String == owner && $0["kind"] as? String == "Key" }.map {
            LiveCredential(
                uuid: $0["credentialUuid"] as? String ?? "", credentialId: $0["credentialId"] as? String ?? "",
                name: $0["name"] as? String ?? "", isActive: $0["isActive"] as? Bool ?? false,
                fingerprint: ($0["publicKeyPEM"] as? String).flatMap { try? PublicSigningKey(pem: $0).fingerprint },
                created: $0["dateCreated"] as? String ?? "")
        }.sorted { ($0.created, $0.name) < ($1.created, $1.name) }
    }

    /// The service accounts carrying the marker of `ServiceAccount/NAME`, oldest first.
    func serviceAccounts(named name: String) async throws -> [ServiceAccount] {
        let marker = "dfnsops:ServiceAccount/\(name)"
        return try await client().listServiceAccounts().filter {
            $0.userInfo.externalId == marker || $0.userInfo.externalId?.hasPrefix(marker + "#") == true
        }.sorted {
            ($0.accessTokens.first?.dateCreated ?? "", $0.userInfo.userId) < (
                $1.accessTokens.first?.dateCreated ?? "", $1.userInfo.userId
            )
        }
    }

    /// The webhooks whose description carries the marker of `Webhook/NAME`.
    func webhooks(named name: String) async throws -> [Webhook] {
        try await client().listWebhooks().filter { ($0.description ?? "").hasSuffix("[dfnsops:Webhook/\(name)]") }
    }

    /// Sends one event of `kind` to every subscribed webhook (admin API) and returns, for each of `webhookIds`,
    /// the receiver's answer to its delivery (the HTTP status, or why it failed).
    func deliver(_ kind: String = "wallet.transfer.confirmed", to webhookIds: [String]) async throws -> [String: String]
    {
        let body = try JSONSerialization.data(withJSONObject: ["kind": kind])
        let data = try await emulator.admin("POST", "events", body: body)
        let items =
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        let eventIds = Set(items.compactMap { $0["id"] as? String })
        var answers: [String: String] = [:]
        let client = try client()
        for webhookId in webhookIds {
            let events = try await client.listWebhookEvents(webhookId: webhookId, query: WebhookEventQuery())
            if let event = events.items.first(where: { eventIds.contains($0.id) }) {
                answers[webhookId] = event.status ?? event.error ?? "?"
            }
        }
        return answers
    }
}

/// A running `dfnsops` whose output goes to files, that a test can SIGKILL.
final class RotationProcess {
    private let process = Process()
    private let stdoutFile: URL
    private let stderrFile: URL
    /// Kept while the process is, so that its output files outlive a test's snapshot directory.
    private let directory: TemporaryDirectory

    init(arguments: [String], environment: [String: String], directory: TemporaryDirectory) throws {
        self.directory = directory
        let name = UUID().uuidString
        stdoutFile = directory.file(".run-\(name).stdout")
        stderrFile = directory.file(".run-\(name).stderr")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = try BuiltProducts.dfnsops()
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    deinit { sigkill() }

    var isRunning: Bool { process.isRunning }
    /// Its process id.
    var pid: Int32 { process.processIdentifier }
    var standardOutputSoFar: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var standardErrorSoFar: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Kills it at once, as when a CI runner dies (SIGTERM may be blocked in children of async code).
    func sigkill() {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for a line starting with `prefix` on standard output and returns the rest of it.
    func waitForLine(prefix: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in standardOutputSoFar.split(separator: "\n") where line.hasPrefix(prefix) {
                return String(line.dropFirst(prefix.count))
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RotationTestFailure(
            "dfnsops never printed '\(prefix)…'\nstdout:\n\(standardOutputSoFar)\nstderr:\n\(standardErrorSoFar)")
    }

    /// Kills it (a server such as `webhook-receiver` never ends by itself) and passes what it printed through the
    /// leak harness, each place named with its command.
    func stopAndCheckForLeaks(sourceLocation: SourceLocation = #_sourceLocation) async {
        sigkill()
        process.waitUntilExit()
        await LeakCheck.run(
            stdout: standardOutputSoFar, stderr: standardErrorSoFar, in: directory.url,
            run: "dfnsops \(process.arguments?.first ?? "")", sourceLocation: sourceLocation)
    }

    /// Waits for it to exit; kills it after `timeout`.
    func finish(timeout: Duration = .seconds(120)) async throws -> RotationRunResult {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                sigkill()
                throw RotationTestFailure(
                    "dfnsops \(process.arguments ?? []) did not finish within \(timeout)\n\(standardErrorSoFar)")
            }
            try await Task.sleep(for: .milliseconds(15))
        }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        let result = RotationRunResult(
            status: killed ? 128 + process.terminationStatus : process.terminationStatus,
            stdout: standardOutputSoFar, stderr: standardErrorSoFar)
        await LeakCheck.run(stdout: result.stdout, stderr: result.stderr, in: stdoutFile.deletingLastPathComponent())
        return result
    }
}

/// How a `dfnsops` run ended.
struct RotationRunResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
}

/// A rotation test step that could not be carried out.
struct RotationTestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
