import DfnsAPI
import Foundation
import SecretStores
import TestSupport

/// `manifests/examples` (plus `Fixtures/overlay`) against a seeded emulator that holds a mix of every case the
/// plan distinguishes, with the file store dfnsops would have left behind for the objects it manages:
///
/// | object | live | store | expected in the plan |
/// |---|---|---|---|
/// | ServiceAccount/dfnsops-operator | marker, same name and permissions | current key | nothing (in sync) |
/// | ServiceAccount/payments-signer | marker, `Wallets Reader` instead of `Payments Initiator` | current key | update |
/// | ServiceAccount/treasury-bot | marker, in sync | current key, recorded trigger `2026-10` | rotate (trigger) |
/// | ServiceAccount/reporting-exporter | absent | — | create |
/// | ServiceAccount/settlement-batch | `spec.adopt` names an id that does not exist | — | missing |
/// | PersonalAccessToken/ci-deployer | absent | — | create |
/// | Webhook/audit-firehose | marker, same url, events, status, description | current secret | nothing |
/// | Webhook/treasury | marker, older url and two fewer events | current secret | update |
/// | SA `Hand-made exporter`, PAT `laptop`, webhook `ops-debug` | no marker | — | unmanaged |
/// | SA `old-reconciler` | marker of a removed manifest | — | unmanaged (left alone) |
struct MixedOrganisation {
    let emulator: EmulatorProcess
    let workspace: PlanWorkspace
    /// Every secret of the seeded organisation: the operator's token and key, the minted service-account
    /// tokens, the service accounts' private keys, the webhook secrets.
    let secrets: [String]
    /// The manifest paths to plan, relative to the workspace.
    static let paths = ["manifests/examples", "manifests/overlay"]

    /// The repository's `manifests/examples`.
    static let examples = BuiltProducts.packageRoot.appendingPathComponent("manifests/examples")
    /// `Tests/DfnsOpsEndToEndTests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let webhookSecrets = [
        "audit-firehose": "whsec-audit-5b1f0c9e7d2a4f6b8c3e1d0a9f7b5c3e",
        "treasury": "whsec-treasury-8e2d4c6a0b9f7e5d3c1b2a4f6e8d0c9b",
        "ops-debug": "whsec-opsdebug-1a3c5e7f9b0d2f4a6c8e0b1d3f5a7c9e",
    ]

    /// Seeds the emulator, starts it, and writes the store; the caller stops the emulator (``with(_:)`` does).
    static func start() async throws -> MixedOrganisation {
        let operatorKey = try PrivateSigningKey(generating: .ecdsaP256)
        let paymentsKey = try PrivateSigningKey(generating: .ecdsaP256)
        let treasuryKey = try PrivateSigningKey(generating: .ed25519)

        var seed = EmulatorSeedDocument()
        seed.permissions = [
            .init(
                name: "DfnsOps Reconciler",
                operations: ["Auth:ServiceAccounts:Read", "Auth:ServiceAccounts:Update", "Webhooks:Read"],
                assignTo: ["dfnsops operator"]),
            .init(name: "Payments Initiator", operations: ["Wallets:Read", "Wallets:Transfers:Create"]),
            .init(
                name: "Treasury Operator", operations: ["Wallets:Read", "Wallets:Transfers:Create"],
                assignTo: ["Treasury rebalancer"]),
            .init(
                name: "Wallets Reader", operations: ["Wallets:Read"],
                assignTo: ["payments-signer", "Treasury rebalancer", "Hand-made exporter"]),
        ]
        seed.serviceAccounts = [
            .init(
                name: "dfnsops operator", publicKey: operatorKey.publicKey.pem,
                externalId: "dfnsops:ServiceAccount/dfnsops-operator"),
            .init(
                name: "payments-signer", publicKey: paymentsKey.publicKey.pem,
                externalId: "dfnsops:ServiceAccount/payments-signer"),
            .init(
                name: "Treasury rebalancer", publicKey: treasuryKey.publicKey.pem,
                externalId: "dfnsops:ServiceAccount/treasury-bot"),
            .init(name: "Hand-made exporter"),
            .init(name: "old-reconciler", externalId: "dfnsops:ServiceAccount/old-reconciler"),
        ]
        seed.pats = [.init(name: "laptop")]
        seed.webhooks = [
            .init(
                url: "https://siem.acme.example/ingest/dfns", events: ["*"], status: "Enabled",
                description: "Security log pipeline [dfnsops:Webhook/audit-firehose]",
                secret: webhookSecrets["audit-firehose"]),
            .init(
                url: "https://hooks.acme.example/dfns/treasury-v1",
                events: ["wallet.transfer.confirmed", "wallet.transfer.failed"], status: "Enabled",
                description: "Treasury transfer notifications [dfnsops:Webhook/treasury]",
                secret: webhookSecrets["treasury"]),
            .init(
                url: "https://ops.acme.example/dfns-debug", events: ["wallet.transfer.confirmed"],
                description: "ops debugging", secret: webhookSecrets["ops-debug"]),
        ]

        let emulator = try await EmulatorProcess.launch(seed: try seed.encoded())
        do {
            let workspace = try PlanWorkspace(
                manifests: [
                    (examples, "manifests/examples"), (fixtures.appendingPathComponent("overlay"), "manifests/overlay"),
                ],
                emulator: emulator)
            let client = try emulator.operatorClient()
            let accounts = try await client.listServiceAccounts()
            let webhooks = try await client.listWebhooks()
            func account(_ externalId: String) throws -> ServiceAccount {
                guard let found = accounts.first(where: { $0.userInfo.externalId == externalId }) else {
                    throw EmulatorProcess.Failure(description: "the seeded organisation has no \(externalId)")
                }
                return found
            }
            func webhook(_ marker: String) throws -> Webhook {
                guard let found = webhooks.first(where: { $0.description?.hasSuffix("[\(marker)]") == true }) else {
                    throw EmulatorProcess.Failure(description: "the seeded organisation has no webhook \(marker)")
                }
                return found
            }

            let store = SeededStore(store: try workspace.store(), emulator: emulator)
            var secrets = Array(webhookSecrets.values)
            secrets.append(
                try await store.holdKey(
                    operatorKey, of: try account("dfnsops:ServiceAccount/dfnsops-operator"),
                    at: "service-accounts/dfnsops-operator"))
            secrets.append(
                try await store.holdKey(
                    paymentsKey, of: try account("dfnsops:ServiceAccount/payments-signer"), at: "payments/signer"))
            secrets.append(
                try await store.holdKey(
                    treasuryKey, of: try account("dfnsops:ServiceAccount/treasury-bot"),
                    at: "service-accounts/treasury-bot", trigger: "2026-10"))
            try await store.holdSecret(
                webhookSecrets["audit-firehose"] ?? "", of: try webhook("dfnsops:Webhook/audit-firehose"),
                at: "webhooks/audit-firehose")
            try await store.holdSecret(
                webhookSecrets["treasury"] ?? "", of: try webhook("dfnsops:Webhook/treasury"),
                at: "webhooks/treasury")

            secrets.append(emulator.operatorToken)
            let operatorKeyPEM = try String(
                contentsOfFile: emulator.operatorEnvironment["DFNS_PRIVATE_KEY"] ?? "", encoding: .utf8)
            for pem in [operatorKeyPEM, operatorKey.pkcs8PEM, paymentsKey.pkcs8PEM, treasuryKey.pkcs8PEM] {
                secrets += SecretSearch.pemBodyLines(pem)
            }
            return MixedOrganisation(emulator: emulator, workspace: workspace, secrets: secrets)
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Runs `body` against a fresh mixed organisation and stops its emulator afterwards.
    static func with<Value>(_ body: (MixedOrganisation) async throws -> Value) async throws -> Value {
        try await withOrganisation({ try await start() }, emulator: \.emulator, body)
    }

    /// Runs `dfnsops plan` over the mixed manifests with more arguments.
    func plan(_ arguments: [String] = []) async throws -> CommandResult {
        try await workspace.dfnsops(["plan"] + Self.paths + arguments)
    }
}
