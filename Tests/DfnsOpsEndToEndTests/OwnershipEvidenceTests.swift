import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 13, "ownership by evidence": dfnsops deactivates or deletes only what a store record (or an intent recorded
/// before a create) proves it made. A marker alone proves nothing; a key someone added by hand is reported and
/// survives, unless the manifest opts in with `key.exclusive: true`.
@Suite("ownership by evidence: what dfnsops did not make survives")
struct OwnershipEvidenceTests {
    static let name = "payments-signer"
    static let entry = "accounts/payments-signer"

    /// Registers a Key credential on the principal `identity` belongs to, as someone with its key would by hand.
    static func addKeyByHand(_ lab: RotationLab, as identity: DfnsIdentity, name: String) async throws -> Credential {
        let client = try lab.client(as: identity)
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        let challenge = try await client.createCredentialChallenge(kind: "Key")
        let info = try KeyCredentialAttestation.make(newKey: key, credId: name, challenge: challenge.challenge)
        let outcome = try await client.createKeyCredential(
            CreateKeyCredentialRequest(
                credentialName: name, challengeIdentifier: challenge.challengeIdentifier, credentialInfo: info))
        return try #require(outcome.value, "registering \(name)")
    }

    @Test(
        "a key added by hand survives a full rekey and is reported; with key.exclusive the plan lists it and apply deactivates it"
    )
    func handAddedKey() async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.serviceAccount(Self.name), as: Self.name)
            #expect(try await lab.apply().status == 0)
            let first = try await lab.identity(Self.entry)
            let accountId = try #require(try await lab.serviceAccounts(named: Self.name).first).userInfo.userId
            let backup = try await Self.addKeyByHand(lab, as: first, name: "hsm-backup-key")

            // Reported, never planned: the plan's note and drift both name it.
            let plan = try await lab.plan()
            #expect(plan.stdout.contains("unmanaged_credential: ServiceAccount/\(Self.name)"), "\(plan)")
            #expect(plan.stdout.contains("0 to deactivate"), "\(plan)")
            let drift = try await lab.dfnsops(["drift", "--format", "json", RotationLab.manifests])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
            let findings = report["findings"] as? [[String: Any]] ?? []
            let credentialFinding = findings.first { $0["bucket"] as? String == "unmanaged-credential" }
            #expect(credentialFinding?["dfnsId"] as? String == backup.credentialUuid, "\(findings)")

            // A full rekey: stage, overlap, retire. Generation 1 is deactivated; the hand-added key is not.
            try await lab.advance(days: 90)
            #expect(try await lab.apply().status == 0)
            try await lab.advance(days: 3)
            let retirePlan = try await lab.plan()
            #expect(retirePlan.stdout.contains("1 to deactivate"), "only generation 1: \(retirePlan)")
            #expect(!retirePlan.stdout.contains(backup.credentialUuid), "\(retirePlan)")
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            var credentials = try await lab.credentials(owner: accountId)
            #expect(credentials.first { $0.uuid == backup.credentialUuid }?.isActive == true, "\(credentials)")
            #expect(credentials.first { $0.credentialId == first.signer?.credentialId }?.isActive == false)

            // Opting in: the plan lists the key as its own deactivation, by name and id, and apply carries it out.
            try lab.declare(
                RotationLab.serviceAccount(Self.name).replacingOccurrences(
                    of: "    algorithm: ecdsa-p256", with: "    algorithm: ecdsa-p256\n    exclusive: true"),
                as: Self.name)
            let exclusivePlan = try await lab.plan()
            #expect(
                exclusivePlan.stdout.contains(
                    "effect: deactivate Credential \"hsm-backup-key\" (\(backup.credentialUuid)), or delete it"),
                "\(exclusivePlan)")
            #expect(exclusivePlan.stdout.contains("1 to deactivate"), "\(exclusivePlan)")
            let exclusive = try await lab.apply()
            #expect(exclusive.status == 0, "\(exclusive)")
            credentials = try await lab.credentials(owner: accountId)
            #expect(credentials.first { $0.uuid == backup.credentialUuid }?.isActive == false, "\(credentials)")
            #expect(await lab.signs(as: try await lab.identity(Self.entry)), "the current key still signs")
            #expect(try await lab.plan(["--detailed-exitcode"]).status == 0)
        }
    }

    @Test("a webhook someone else marked survives a webhook rotation, and the plan and drift report it")
    func foreignMarkedWebhook() async throws {
        try await RotationLab.with { lab in
            let hook = "treasury"
            try lab.declare(RotationLab.webhook(hook, url: "http://127.0.0.1:9/placeholder"), as: hook)
            let (receiver, url) = try await lab.startReceiver(webhook: hook)
            try lab.declare(RotationLab.webhook(hook, url: "\(url)/dfns/treasury"), as: hook)
            #expect(try await lab.apply().status == 0)
            let ours = try #require(try await lab.webhooks(named: hook).first)
            // Another team's webhook whose description happens to carry the marker.
            let foreign = try await lab.client().createWebhook(
                CreateWebhookRequest(
                    url: "https://other-team.example/hooks", events: ["wallet.created"],
                    description: "copied from a runbook [dfnsops:Webhook/\(hook)]")
            ).value
            let foreignId = try #require(foreign?.id, "creating the other team's webhook")

            let plan = try await lab.plan()
            #expect(plan.stdout.contains("foreign_marker: Webhook \(foreignId)"), "\(plan)")

            // Due: the twin is created; the foreign webhook is neither taken for an orphan nor counted.
            try await lab.advance(days: 180)
            let duePlan = try await lab.plan()
            #expect(!duePlan.stdout.contains("effect: delete Webhook (\(foreignId))"), "\(duePlan)")
            #expect(try await lab.apply().status == 0)
            // The receiver reads the store, and fixes its replay window, when it starts: restarted after the
            // overlap, it knows the twin's secret and today's time.
            try await lab.advance(days: 7)
            receiver.sigkill()
            let port = try #require(URL(string: url)?.port)
            let (restarted, _) = try await lab.startReceiver(webhook: hook, port: port)
            let retirePlan = try await lab.plan()
            #expect(retirePlan.stdout.contains("effect: delete Webhook (\(ours.id))"), "\(retirePlan)")
            #expect(retirePlan.stdout.contains("foreign_marker: Webhook \(foreignId)"), "\(retirePlan)")
            #expect(!retirePlan.stdout.contains("effect: delete Webhook (\(foreignId))"), "\(retirePlan)")
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            let remaining = try await lab.client().listWebhooks().map(\.id)
            #expect(remaining.contains(foreignId), "the other team's webhook survives")
            #expect(!remaining.contains(ours.id), "the old generation was retired")

            let drift = try await lab.dfnsops(["drift", RotationLab.manifests])
            #expect(drift.stdout.contains("foreign-marker (1)"), "\(drift)")
            #expect(drift.stdout.contains("Webhook \(foreignId)"), "\(drift)")
            restarted.sigkill()
        }
    }
}
