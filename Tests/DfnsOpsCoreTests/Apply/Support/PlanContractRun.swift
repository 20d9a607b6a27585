import DfnsAPI
import DfnsEmulator
import Foundation
import SecretStores

@testable import DfnsOpsCore

/// One generated case of the plan-contract property: an organisation built from the seed (objects made beside
/// dfnsops, with and without markers; dfnsops applies of earlier manifest sets, some interrupted by a Dfns or store
/// fault; hand-added credentials; time passing), then a final manifest set applied. Every apply is checked.
struct PlanContractRun {
    /// The permissions the organisation holds.
    static let permissionsSeed = """
        {"permissions": [
          {"name": "Payments Initiator", "operations": ["Wallets:Read", "Wallets:Transfers:Create"]},
          {"name": "Wallets Reader", "operations": ["Wallets:Read"]},
          {"name": "Auditor", "operations": ["Wallets:Read", "Webhooks:Read"]}
        ]}
        """
    /// The Dfns requests a history apply may be interrupted at.
    static let faultPoints: [(method: String, path: String)] = [
        ("POST", "/auth/service-accounts"), ("POST", "/auth/pats"), ("POST", "/webhooks"),
        ("POST", "/permissions/*/assignments"), ("DELETE", "/permissions/*/assignments/*"),
        ("POST", "/auth/credentials"), ("POST", "/auth/service-accounts/credentials"),
        ("PUT", "/auth/credentials/deactivate"), ("PUT", "/auth/service-accounts/*/deactivate"),
        ("PUT", "/auth/pats/*/deactivate"), ("DELETE", "/webhooks/*"), ("DELETE", "/auth/service-accounts/*"),
        ("DELETE", "/auth/pats/*"), ("PUT", "/auth/service-accounts/*"), ("PUT", "/auth/pats/*"),
    ]
    /// How far the clock moves between applies, in days (rotations fall due after 10, overlap 2, retain 4).
    static let steps: [Double] = [0, 0.5, 3, 10.5, 11, 12.5, 13, 15, 17]

    let seed: UInt64
    let receiver: String
    var rng: SplitMix64
    var log: [String] = []
    var violations: [String] = []
    var applies = 0
    /// What the case exercised: the mutating requests checked, by verb and target, and the interrupted creations
    /// its plans took up, so that the property can show it is not vacuous.
    var exercised: [String: Int] = [:]
    var foreign: [ForeignObject] = []

    init(seed: UInt64, receiver: String) {
        self.seed = seed
        self.receiver = receiver
        rng = SplitMix64(seed: seed)
    }

    /// Runs the case; errors outside apply (a plan that throws, an emulator that will not start) are violations.
    /// The twin is returned running: stopping an in-process emulator while other cases' emulators are busy has
    /// crashed the test process in NIO ("Deinited NIOAsyncWriter without calling finish()"), so the caller stops
    /// every twin once all cases are done.
    static func run(seed: UInt64, receiver: String) async -> (run: PlanContractRun, twin: ApplyTwin?) {
        var run = PlanContractRun(seed: seed, receiver: receiver)
        do {
            let twin = try await ApplyTwin.start(seed: permissionsSeed)
            do {
                try await run.body(twin)
            } catch {
                run.violations.append("error: \(error)")
            }
            return (run, twin)
        } catch {
            run.violations.append("error starting the twin: \(error)")
            return (run, nil)
        }
    }

    private mutating func body(_ twin: ApplyTwin) async throws {
        let store = FaultySecretStore(base: twin.store)
        let foreignCount = Int.random(in: 0...2, using: &rng)
        for _ in 0..<foreignCount { try await addForeignObject(twin) }
        twin.advance(days: 1.0 / 24)  // everything foreign predates every intent dfnsops records

        var manifests = ManifestGenerator.fresh(budget: max(1, 6 - foreignCount), &rng)
        let histories = Int.random(in: 1...2, using: &rng)
        for history in 1...histories {
            if history > 1 { manifests = ManifestGenerator.evolve(manifests, budget: 6 - foreignCount, &rng) }
            try await apply(manifests, "history \(history)", twin, store, faulted: rng.chance(0.4), parallelism: 1)
            if history == 1 { try await addForeignCredentials(manifests, twin) }
            let days = rng.pick(Self.steps)
            twin.advance(days: days)
            log.append("+\(days)d")
        }
        let final = ManifestGenerator.evolve(manifests, budget: 6 - foreignCount, &rng)
        try await apply(final, "final", twin, store, faulted: false, parallelism: 4)
        // A second plan right after must work; convergence is not asserted.
        _ = try await twin.plan(try ApplyTwin.desired(final.yaml(receiver: receiver)), stores: stores(store))
    }

    private func stores(_ store: FaultySecretStore) -> [String: any SecretStore] { [ApplyTwin.storeName: store] }

    /// Plans and applies `manifests`, maybe with one fault, and checks the apply.
    private mutating func apply(
        _ manifests: GeneratedManifests, _ label: String, _ twin: ApplyTwin, _ store: FaultySecretStore,
        faulted: Bool, parallelism: Int
    ) async throws {
        log.append("\(label): \(manifests.summary)")
        let desired = try ApplyTwin.desired(manifests.yaml(receiver: receiver))
        if faulted, !manifests.objects.isEmpty {
            if rng.chance(0.7) {
                let point = rng.pick(Self.faultPoints)
                let action = rng.pick([FaultRule.Action.fail, .commitThenDrop, .commitThenFail])
                let nth = Int.random(in: 1...2, using: &rng)
                _ = await twin.server.emulator.faults.add(
                    FaultRule(method: point.method, path: point.path, action: action, nth: nth))
                log.append("  fault: \(point.method) \(point.path) \(action.rawValue) nth=\(nth)")
            } else {
                let path = rng.pick(manifests.objects).storePath
                let fault: FaultySecretStore.Fault = rng.chance(0.5) ? .secretWrite(path) : .promote(path)
                store.arm(fault)
                log.append("  store fault: \(fault)")
            }
        }
        let ledger = twin.server.emulator.ledger
        let baseline = await ledger.mutatingRequests().count
        let before = try await OrganisationSnapshot.read(twin.server.emulator)
        let planned = try await twin.plan(desired, stores: stores(store))
        let results = await twin.apply(planned, desired: desired, stores: stores(store), parallelism: parallelism)
        store.arm(nil)
        await twin.server.emulator.faults.removeAll()
        let requests = await ledger.mutatingRequests().dropFirst(baseline).map(SentRequest.init)
        let after = try await OrganisationSnapshot.read(twin.server.emulator)
        applies += 1
        for request in requests {
            let requested = RequestedEffect(MutationRequest(method: request.method, path: request.path, body: nil))
            exercised[
                "\(requested?.verb.rawValue ?? "unknown") \(requested?.target.rawValue ?? request.path)", default: 0] +=
                1
        }
        for action in planned.plan.actions where action.type == .create && action.reason != .pruned {
            if !action.effects.contains(where: { $0.verb == .create }) {
                exercised["plan: finish an interrupted creation", default: 0] += 1
            } else if action.effects.contains(where: { $0.verb == .delete && $0.id != nil }) {
                exercised["plan: replace an interrupted creation's orphans", default: 0] += 1
            }
        }
        for result in results {
            let requestCount = planned.plan.actions.first { $0.id == result.actionId }?.effects.count ?? 0
            log.append("  \(result.actionId): \(result.status.rawValue) (\(requestCount) effects)")
        }
        log.append("  \(requests.count) mutating requests")
        violations += PlanContract.violations(
            actions: planned.plan.actions, results: results, requests: requests, before: before, after: after,
            foreign: foreign
        ).map { "\(label): \($0)" }
    }

    /// A service account, PAT or webhook made beside dfnsops: with no marker, or with the marker of a name dfnsops
    /// may be told to manage.
    private mutating func addForeignObject(_ twin: ApplyTwin) async throws {
        let kind = rng.pick(ManifestGenerator.kinds)
        let marker = OwnershipMarker(kind: kind, name: rng.pick(ManifestGenerator.names[kind, default: []]))
        // Dfns keeps a principal's externalId unique, so each marker is used once.
        let marked = rng.chance(0.6) && !foreign.contains { $0.label.contains(marker.externalId) }
        let number = Int.random(in: 1...999, using: &rng)
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        switch kind {
        case .serviceAccount:
            let externalId = marked ? marker.externalId : (rng.chance(0.5) ? "legacy-\(number)" : nil)
            let account = try await twin.client.createServiceAccount(
                CreateServiceAccountRequest(
                    name: "legacy \(number)", publicKey: key.publicKey.pem, externalId: externalId)
            ).required("creating a foreign service account")
            foreign.append(
                ForeignObject(
                    label: "ServiceAccount (externalId \(externalId ?? "none"))", id: account.userInfo.userId,
                    marked: marked))
        case .personalAccessToken:
            let externalId = marked ? marker.externalId : nil
            let token = try await twin.client.createPersonalAccessToken(
                CreatePersonalAccessTokenRequest(
                    name: "legacy \(number)", publicKey: key.publicKey.pem, externalId: externalId)
            ).required("creating a foreign PAT")
            foreign.append(
                ForeignObject(
                    label: "PersonalAccessToken (externalId \(externalId ?? "none"))", id: token.tokenId,
                    marked: marked))
        default:
            let description =
                marked
                ? (rng.chance(0.5) ? "Other team" + marker.webhookDescriptionSuffix : "[\(marker.externalId)]")
                : "Other team \(number)"
            let webhook = try await twin.client.createWebhook(
                CreateWebhookRequest(
                    url: "\(receiver)/accept/foreign", events: ["wallet.created"],
                    description: description)
            ).required("creating a foreign webhook")
            foreign.append(
                ForeignObject(label: "Webhook (description \"\(description)\")", id: webhook.id, marked: marked))
        }
        log.append("foreign: \(foreign[foreign.count - 1].label)")
    }

    /// Keys registered by hand on service accounts dfnsops manages, beside the ones it registered.
    private mutating func addForeignCredentials(_ manifests: GeneratedManifests, _ twin: ApplyTwin) async throws {
        for object in manifests.objects where object.kind == .serviceAccount {
            guard rng.chance(0.35), let entry = try? SecretEntryPath(object.storePath),
                let current = await twin.store.metadata(of: entry)?.current, let owner = current.metadata.principalId,
                let identity = try? await twin.identity(object.storePath)
            else { continue }
            let key = try PrivateSigningKey(generating: rng.chance(0.5) ? .ecdsaP256 : .ed25519)
            let outcome = try? await twin.client.acting(as: identity).createServiceAccountCredential(
                CreateServiceAccountCredentialRequest(publicKey: key.publicKey.pem, name: "hsm-backup-key"))
            guard let credential = outcome?.value else { continue }
            foreign.append(
                ForeignObject(
                    label: "Credential \"hsm-backup-key\" on ServiceAccount/\(object.name)",
                    id: credential.credentialUuid,
                    owner: owner))
            log.append("foreign: Credential \"hsm-backup-key\" on ServiceAccount/\(object.name)")
        }
    }
}
