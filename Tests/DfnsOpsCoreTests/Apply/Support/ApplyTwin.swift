import DfnsAPI
import DfnsEmulator
import Foundation
import Logging
import SecretStores
import TestSupport
import Testing

@testable import DfnsOpsCore

/// An in-process Dfns for apply's unit tests: the emulator on 127.0.0.1 and a free port, driven by the real
/// `HTTPDfnsClient`, with a manual clock that the emulator, the in-memory secret store and apply share (the
/// `DFNSOPS_NOW` of these tests), so that days pass without waiting.
struct ApplyTwin: Sendable {
    static let day: TimeInterval = 86_400
    /// The store the manifests' `store.ref` names.
    static let storeName = "mem"
    /// The permissions the test manifests assign.
    static let seed = """
        {"permissions": [{"name": "Payments Initiator", "operations": ["Wallets:Read", "Wallets:Transfers:Create"]}]}
        """

    let server: EmulatorServer
    let clock: ManualEmulatorClock
    /// The operator's client.
    let client: HTTPDfnsClient
    let store: InMemorySecretStore
    let scratch: SecretStoreScratchDirectory

    /// Runs `body` with a fresh twin and stops it afterwards.
    static func with<Value>(seed: String = ApplyTwin.seed, _ body: (ApplyTwin) async throws -> Value) async throws
        -> Value
    {
        let twin = try await start(seed: seed)
        do {
            let value = try await body(twin)
            await twin.stop()
            return value
        } catch {
            await twin.stop()
            throw error
        }
    }

    /// Starts a twin whose organisation holds the permissions `seed` declares (the emulator's seed format).
    static func start(seed: String = ApplyTwin.seed) async throws -> ApplyTwin {
        let scratch = try SecretStoreScratchDirectory(label: "apply-twin")
        let seedPath = scratch.appending("seed.json")
        try Data(seed.utf8).write(to: URL(fileURLWithPath: seedPath))
        let clock = ManualEmulatorClock(start: Date(timeIntervalSince1970: 1_893_456_000))
        var logger = Logger(label: "apply-twin")
        logger.logLevel = .critical
        let configuration = EmulatorConfiguration(port: 0, rateLimitPerMinute: 0, seedPath: seedPath)
        let server = try await EmulatorServer.start(configuration: configuration, clock: clock, logger: logger)
        let credentials = server.operatorCredentials
        let identity = DfnsIdentity(token: credentials.authToken, signer: try credentials.signer())
        let client = HTTPDfnsClient(
            configuration: try DfnsClientConfiguration(
                baseURL: try #require(URL(string: server.url)), identity: identity, rateLimitPerMinute: 0,
                maxAttempts: 1))
        let store = InMemorySecretStore(now: { clock.now() })
        return ApplyTwin(server: server, clock: clock, client: client, store: store, scratch: scratch)
    }

    func stop() async {
        await server.stop()
        scratch.remove()
    }

    /// The shared time.
    var now: Date { clock.now() }

    /// Moves the shared clock forward.
    func advance(days: Double) {
        clock.advance(by: days * Self.day)
    }

    /// Installs a fault; it fires once unless `times` says otherwise.
    func fault(_ method: String, _ path: String, _ action: FaultRule.Action = .fail, status: Int = 500, times: Int = 1)
        async
    {
        _ = await server.emulator.faults.add(
            FaultRule(method: method, path: path, action: action, status: status, times: times))
    }

    // MARK: - Manifests and apply

    /// A ServiceAccount manifest whose key is stored in the in-memory store at `accounts/NAME`.
    static func serviceAccount(_ name: String, algorithm: String, rotation: String) -> String {
        """
        apiVersion: dfnsops.dev/v1alpha1
        kind: ServiceAccount
        metadata: {name: \(name)}
        spec:
          permissions: ["Payments Initiator"]
          key: {algorithm: \(algorithm), rotation: \(rotation)}
          store: {ref: \(storeName), path: accounts/\(name)}
        """
    }

    /// Validates manifests (the in-memory store's declaration is added).
    static func desired(_ manifests: String) throws -> DesiredState {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: \(storeName)}
            spec: {type: file, file: {directory: unused}}
            ---
            \(manifests)
            """
        let validation = ManifestValidator().validate(text, file: "twin.yaml")
        try #require(validation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(validation.diagnostics)")
        return validation.desiredState
    }

    /// The service account or PAT a manifest declares, with Settings' defaults (validation resolves them).
    static func principal(_ manifest: String) throws -> DeclaredPrincipal {
        try #require(desired(manifest).keyedPrincipals.first)
    }

    /// An executor acting as the operator at the shared time.
    func executor(_ desired: DesiredState, operatorToken: String? = nil) -> ActionExecutor<HTTPDfnsClient> {
        ActionExecutor(
            client: client, desired: desired, stores: [Self.storeName: store], operatorToken: operatorToken,
            now: { [clock] in clock.now() })
    }

    /// The steps' shared services, acting as the operator.
    var tools: ApplyToolbox<HTTPDfnsClient> { ApplyToolbox(client: client) }

    /// Plans now, as `dfnsops plan` does; `stores` replaces the in-memory store (a wrapper around it, say).
    func plan(_ desired: DesiredState, stores: [String: any SecretStore]? = nil) async throws
        -> Planner<HTTPDfnsClient>.Result
    {
        let planner = Planner(
            client: client, stores: stores ?? [Self.storeName: store], options: PlanOptions(now: clock.now()))
        return try await planner.plan(desired, manifestsDigest: "twin")
    }

    /// Carries out a plan as `dfnsops apply` does, signing as the operator at the shared time.
    func apply(
        _ planned: Planner<HTTPDfnsClient>.Result, desired: DesiredState, stores: [String: any SecretStore]? = nil,
        parallelism: Int = 4
    ) async -> [ActionResult] {
        let engine = ApplyEngine(
            client: client, desired: desired, stores: stores ?? [Self.storeName: store], parallelism: parallelism,
            operatorToken: client.configuration.identity.token, now: { [clock] in clock.now() })
        return await engine.apply(planned.plan, live: planned.live)
    }

    /// The action `plan` makes now whose id starts with `prefix` (`create:ServiceAccount/ci`), effects and all.
    func planned(_ prefix: String, in desired: DesiredState) async throws -> PlannedAction {
        let plan = try await self.plan(desired).plan
        return try #require(plan.actions.first { $0.id.hasPrefix(prefix) }, "no \(prefix) in \(plan.actions.map(\.id))")
    }

    /// The action `dfnsops rollback` plans now for `address` (nil when an earlier rollback finished).
    func plannedRollback(_ address: ObjectAddress, in desired: DesiredState) async throws -> PlannedAction? {
        let stores: [String: any SecretStore] = [Self.storeName: store]
        let options = PlanOptions(now: clock.now())
        let base = try await Planner(client: client, stores: stores, options: options).plan(
            desired, manifestsDigest: "twin")
        let runner = RollbackRunner(client: client, desired: desired, stores: stores, now: { [clock] in clock.now() })
        return try await runner.plan(address, base: base.plan, live: base.live, options: options).actions.first
    }

    /// Creates a declared object as `apply` would, and requires it done.
    func create(_ kind: ManifestKind, _ name: String, in desired: DesiredState) async throws {
        let action = try await planned("create:\(kind.rawValue)/\(name)", in: desired)
        let result = await executor(desired).execute(action)
        try #require(result.status == .done, "\(result.message)")
    }

    /// Takes one rotation step at the shared time and says which phase it acted on.
    func step(_ steps: some RotationStrategySteps, at path: String, manual: Bool = false) async throws
        -> (phase: RotationPhase, more: Bool, message: String)
    {
        var log = RotationLog()
        let (status, more) = try await RotationDriver(now: { [clock] in clock.now() }).step(
            steps, store: store, entry: try SecretEntryPath(path), manual: manual, log: &log)
        return (status.phase, more, log.message)
    }

    /// Takes every step the facts allow, as one rotate action does.
    func run(_ steps: some RotationStrategySteps, at path: String) async throws -> String {
        try await RotationDriver(now: { [clock] in clock.now() }).run(
            steps, store: store, entry: try SecretEntryPath(path), manual: false
        ).message
    }

    /// Runs the rotation once with a fault on one request, and requires the run to fail with Dfns's error.
    func interruptedRun(
        _ steps: some RotationStrategySteps, at path: String, fault method: String, _ faultPath: String,
        _ action: FaultRule.Action = .fail
    ) async throws {
        await fault(method, faultPath, action)
        await #expect(throws: DfnsAPIError.self) { try await run(steps, at: path) }
    }

    // MARK: - What the store and Dfns hold

    /// The store entry's stages.
    func entry(_ path: String) async throws -> EntryMetadata {
        let entry = try SecretEntryPath(path)
        return try #require(await store.metadata(of: entry))
    }

    /// The identity a stage of the entry holds (key, credential and token).
    func identity(_ path: String, _ stage: SecretStage = .current) async throws -> DfnsIdentity {
        let context = RotationContext(store: store, entry: try SecretEntryPath(path), metadata: try await entry(path))
        return try await context.identity(stage).identity
    }

    /// The Key credentials of the principal whose current identity the entry holds, listed as that principal.
    func credentials(_ path: String) async throws -> [Credential] {
        try await client.acting(as: try await identity(path)).listCredentials().filter { $0.kind == "Key" }
    }

    /// The live principals of a kind carrying the marker of `name`.
    func principals(_ kind: ManifestKind, _ name: String) async throws -> [LivePrincipal] {
        try await PrincipalEndpoints(kind: kind, client: client).list().filter {
            $0.marker == OwnershipMarker(kind: kind, name: name)
        }
    }

    /// The webhooks carrying the marker of `name`.
    func webhooks(_ name: String) async throws -> [Webhook] {
        try await client.listWebhooks().filter {
            OwnershipMarker.splitWebhookDescription($0.description ?? "").marker
                == OwnershipMarker(kind: .webhook, name: name)
        }
    }

    /// Whether an identity can sign a user action.
    func signs(as identity: DfnsIdentity) async -> Bool {
        (try? await tools.verifySigning(identity, what: "the test identity")) != nil
    }
}
