import DfnsAPI
import Foundation
import SecretStores
import TestSupport
import Testing

/// `Fixtures/drift/manifests` against an emulator seeded so that every drift bucket has a finding, on a fixed
/// clock: the emulator runs with `--manual-clock`, objects whose dates matter are created through the API with
/// the clock set back, and `dfnsops drift` runs with `DFNSOPS_NOW` = ``now``. Nothing in the reports then depends
/// on the wall clock; only the ids the emulator generates vary (``PlanNormaliser`` replaces them).
///
/// | object | how it is made | bucket |
/// |---|---|---|
/// | ServiceAccount/settlement-batch | declared only | missing |
/// | Webhook/treasury | seeded with its marker and two of its four events; secret in the store | changed |
/// | SAs `Hand-made exporter`, `old-reconciler` (marker of a removed manifest), PAT `laptop`, webhook `ops-debug` | seeded without a manifest | unmanaged |
/// | SA `legacy-importer` | seeded without a manifest | unmanaged, ignored by the `legacy-*` rule |
/// | a second key on ServiceAccount/treasury-bot | registered acting as the SA, 3 days ago | unmanaged (Credential) |
/// | ServiceAccount/payments-signer | created 92 days ago, `maxAge: 90d` | rotation-overdue (by 2d) |
/// | PersonalAccessToken/ci-deployer | 30-day token issued 18 days ago | expiring (in 12d) |
/// | ServiceAccount/ledger-sync | the store's current key (generation 2) deactivated by hand | store-mismatch |
/// | ServiceAccount/batch-runner | seeded with its marker, inactive | inactive |
/// | the operator; user `bob@acme.example` | no passkey; seeded inactive | passkey-policy |
///
/// The expired ignore rule (unmanaged PATs, expired 2026-06-30) would have hidden `laptop`; it is reported.
struct DriftOrganisation {
    let emulator: EmulatorProcess
    let workspace: PlanWorkspace

    /// The time every report is made at.
    static let nowText = "2026-12-01T02:00:00Z"
    static let now = ISO8601DateFormatter().date(from: nowText) ?? Date(timeIntervalSince1970: 1_795_924_800)
    static let day: TimeInterval = 86_400

    /// The manifest paths, relative to the workspace.
    static let paths = ["manifests"]
    /// `Fixtures/drift/manifests`.
    static let manifests = MixedOrganisation.fixtures.appendingPathComponent("drift/manifests")

    static let treasurySecret = "whsec-treasury-8e2d4c6a0b9f7e5d3c1b2a4f6e8d0c9b"

    /// Seeds the emulator, creates the dated objects, writes the store and sets the emulator's clock to ``now``.
    static func start() async throws -> DriftOrganisation {
        var seed = EmulatorSeedDocument()
        seed.serviceAccounts = [
            .init(name: "Hand-made exporter"),
            .init(name: "legacy-importer"),
            .init(name: "old-reconciler", externalId: "dfnsops:ServiceAccount/old-reconciler"),
            .init(name: "batch-runner", externalId: "dfnsops:ServiceAccount/batch-runner", isActive: false),
        ]
        seed.pats = [.init(name: "laptop")]
        seed.webhooks = [
            .init(
                url: "https://hooks.acme.example/dfns/treasury",
                events: ["wallet.transfer.confirmed", "wallet.transfer.failed"], status: "Enabled",
                description: "Treasury transfer notifications [dfnsops:Webhook/treasury]", secret: treasurySecret),
            .init(url: "https://ops.acme.example/dfns-debug", events: ["wallet.transfer.confirmed"]),
        ]
        var document = try JSONSerialization.jsonObject(with: try seed.encoded()) as? [String: Any] ?? [:]
        document["users"] = [
            ["username": "alice@acme.example", "name": "Alice", "kind": "CustomerEmployee", "isActive": true],
            ["username": "bob@acme.example", "name": "Bob", "kind": "CustomerEmployee", "isActive": false],
        ]
        let emulator = try await EmulatorProcess.launch(
            arguments: ["--manual-clock"], seed: try JSONSerialization.data(withJSONObject: document))
        do {
            let workspace = try PlanWorkspace(manifests: [(manifests, "manifests")], emulator: emulator)
            let organisation = DriftOrganisation(emulator: emulator, workspace: workspace)
            try await organisation.populate()
            try await organisation.setClock(now)
            return organisation
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Runs `body` against a fresh organisation and stops its emulator afterwards.
    static func with<Value>(_ body: (DriftOrganisation) async throws -> Value) async throws -> Value {
        try await withOrganisation({ try await start() }, emulator: \.emulator, body)
    }

    /// Runs the built `dfnsops drift` over the fixture with more arguments, at ``now``.
    func drift(_ arguments: [String] = []) async throws -> CommandResult {
        var environment = workspace.environment
        environment["DFNSOPS_NOW"] = Self.nowText
        let result = try await CommandRunner.run(
            try BuiltProducts.dfnsops().path, ["drift"] + Self.paths + arguments, environment: environment,
            currentDirectory: workspace.directory.url)
        await LeakCheck.run(stdout: result.stdoutText, stderr: result.stderrText, in: workspace.directory.url)
        return result
    }

    func setClock(_ date: Date) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["now": ISO8601DateFormatter().string(from: date)])
        try await emulator.admin("PUT", "clock", body: body)
    }

    /// The workspace's file store, stamping versions with `date`.
    private func store(at date: Date) throws -> FileSecretStore {
        try FileSecretStore(
            rootPath: workspace.directory.file(PlanWorkspace.storeDirectory).path, now: { date })
    }

    private func hold(
        _ key: PrivateSigningKey, principal: String, credentialId: String, token: String, generation: Int,
        at path: String, date: Date
    ) async throws {
        let store = try store(at: date)
        let entry = try SecretEntryPath(path)
        _ = try await store.writePending(
            .privateKey(pem: key.pkcs8PEM, credentialId: credentialId, token: token), to: entry,
            fingerprint: key.publicKey.fingerprint,
            metadata: SecretVersionMetadata(credentialId: credentialId, generation: generation, principalId: principal))
        try await store.promote(entry)
    }

    private func createServiceAccount(_ name: String, manifest: String, key: PrivateSigningKey, at date: Date)
        async throws -> (account: ServiceAccount, token: String)
    {
        try await setClock(date)
        let client = try emulator.operatorClient()
        let outcome = try await client.createServiceAccount(
            CreateServiceAccountRequest(
                name: name, publicKey: key.publicKey.pem, externalId: "dfnsops:ServiceAccount/\(manifest)"))
        guard let account = outcome.value, let token = account.accessTokens.first?.accessToken else {
            throw EmulatorProcess.Failure(description: "creating the service account \(name) gave no token")
        }
        return (account, token)
    }

    private func acting(_ token: String, credentialId: String, key: PrivateSigningKey) throws -> HTTPDfnsClient {
        try emulator.operatorClient().acting(
            as: DfnsIdentity(token: token, signer: KeyCredentialSigner(credentialId: credentialId, privateKey: key)))
    }

    private func populate() async throws {
        // rotation-overdue: created 92 days before now, maxAge 90d.
        let paymentsKey = try PrivateSigningKey(generating: .ecdsaP256)
        let payments = try await createServiceAccount(
            "payments-signer", manifest: "payments-signer", key: paymentsKey, at: Self.now - 92 * Self.day)
        try await hold(
            paymentsKey, principal: payments.account.userInfo.userId,
            credentialId: payments.account.accessTokens[0].credId, token: payments.token, generation: 1,
            at: "payments/signer", date: Self.now - 92 * Self.day)

        // unmanaged Credential: treasury-bot is in sync, but has a second, hand-made key.
        let treasuryKey = try PrivateSigningKey(generating: .ed25519)
        let treasury = try await createServiceAccount(
            "Treasury rebalancer", manifest: "treasury-bot", key: treasuryKey, at: Self.now - 10 * Self.day)
        let treasuryCredential = treasury.account.accessTokens[0].credId
        try await hold(
            treasuryKey, principal: treasury.account.userInfo.userId, credentialId: treasuryCredential,
            token: treasury.token, generation: 1, at: "service-accounts/treasury-bot", date: Self.now - 10 * Self.day)
        try await setClock(Self.now - 3 * Self.day)
        _ = try await acting(treasury.token, credentialId: treasuryCredential, key: treasuryKey)
            .createServiceAccountCredential(
                CreateServiceAccountCredentialRequest(
                    publicKey: try PrivateSigningKey(generating: .ecdsaP256).publicKey.pem, name: "debugging key"))

        // store-mismatch: generation 2 registered and stored as current, then deactivated by hand.
        let ledgerFirst = try PrivateSigningKey(generating: .ecdsaP256)
        let ledgerSecond = try PrivateSigningKey(generating: .ecdsaP256)
        let ledger = try await createServiceAccount(
            "ledger-sync", manifest: "ledger-sync", key: ledgerFirst, at: Self.now - 40 * Self.day)
        let ledgerId = ledger.account.userInfo.userId
        let firstCredential = ledger.account.accessTokens[0].credId
        try await hold(
            ledgerFirst, principal: ledgerId, credentialId: firstCredential, token: ledger.token, generation: 1,
            at: "service-accounts/ledger-sync", date: Self.now - 40 * Self.day)
        try await setClock(Self.now - 5 * Self.day)
        let asLedger = try acting(ledger.token, credentialId: firstCredential, key: ledgerFirst)
        guard
            let second = try await asLedger.createServiceAccountCredential(
                CreateServiceAccountCredentialRequest(
                    publicKey: ledgerSecond.publicKey.pem, name: "dfnsops:ServiceAccount/ledger-sync#2")
            ).value
        else { throw EmulatorProcess.Failure(description: "registering ledger-sync's second key was held") }
        try await hold(
            ledgerSecond, principal: ledgerId, credentialId: second.credentialId, token: ledger.token, generation: 2,
            at: "service-accounts/ledger-sync", date: Self.now - 5 * Self.day)
        try await setClock(Self.now - 1 * Self.day)
        _ = try await asLedger.deactivateCredential(uuid: second.credentialUuid)

        // expiring: a 30-day token issued 18 days before now.
        try await setClock(Self.now - 18 * Self.day)
        let deployerKey = try PrivateSigningKey(generating: .ecdsaP256)
        guard
            let deployer = try await emulator.operatorClient().createPersonalAccessToken(
                CreatePersonalAccessTokenRequest(
                    name: "CI deployer", publicKey: deployerKey.publicKey.pem,
                    externalId: "dfnsops:PersonalAccessToken/ci-deployer", daysValid: 30)
            ).value, let deployerToken = deployer.accessToken
        else { throw EmulatorProcess.Failure(description: "creating the PAT ci-deployer gave no token") }
        try await hold(
            deployerKey, principal: deployer.tokenId, credentialId: deployer.credId, token: deployerToken,
            generation: 1, at: "ci/deployer", date: Self.now - 18 * Self.day)

        // changed: the seeded treasury webhook, whose secret the store holds.
        let webhooks = try await emulator.operatorClient().listWebhooks()
        guard let webhook = webhooks.first(where: { $0.description?.hasSuffix("[dfnsops:Webhook/treasury]") == true })
        else { throw EmulatorProcess.Failure(description: "the seeded organisation has no treasury webhook") }
        try await SeededStore(store: try store(at: Self.now - 30 * Self.day), emulator: emulator)
            .holdSecret(Self.treasurySecret, of: webhook, at: "webhooks/treasury")

        // inactive: batch-runner, which dfnsops made (its store entry records it), was deactivated by hand.
        let accounts = try await emulator.operatorClient().listServiceAccounts()
        guard let batch = accounts.first(where: { $0.userInfo.externalId == "dfnsops:ServiceAccount/batch-runner" })
        else { throw EmulatorProcess.Failure(description: "the seeded organisation has no batch-runner") }
        try await hold(
            try PrivateSigningKey(generating: .ecdsaP256), principal: batch.userInfo.userId,
            credentialId: "cr-batch-runner", token: "token-of-batch-runner-" + UUID().uuidString, generation: 1,
            at: "service-accounts/batch-runner", date: Self.now - 30 * Self.day)
    }
}
