import DfnsAPI
import Foundation
import SecretStores

/// The rekey strategy (service accounts and PATs, the default): the principal keeps its token and gets a new Key
/// credential. dfnsops acts as the principal, with the token and current key from the store.
struct RekeySteps<Client: DfnsClient>: RotationStrategySteps {
    /// The principal's Key credentials, listed as the principal.
    struct Observation: Sendable {
        var current: DfnsIdentity
        var asPrincipal: Client
        var credentials: [LivePrincipal.LiveCredential]
    }

    var declared: DeclaredPrincipal
    var tools: ApplyToolbox<Client>

    var kind: ManifestKind { declared.kind }
    var address: ObjectAddress { declared.address }
    var policy: RotationPolicy { declared.key.rotation }
    var liveNoun: String { "credentials" }
    private var isServiceAccount: Bool { declared.kind == .serviceAccount }

    func principalId(in context: RotationContext) -> String? { context.currentId ?? "" }

    func observe(_ context: RotationContext) async throws -> RotationObservation<Observation> {
        let current = try await context.identity(.current).identity
        let asPrincipal = tools.client.acting(as: current)
        let listed: [Credential]
        do {
            listed = try await asPrincipal.listCredentials()
        } catch let error as DfnsAPIError where error.status == 403 || error.status == 401 {
            // Without its own credential list dfnsops cannot see whether a registered key is live, and would
            // register again on every run: stop before anything is staged or sent.
            throw ApplyError(
                "\(address) may not list its own credentials (\(error.status.map(String.init) ?? "refused")), so dfnsops cannot observe a "
                    + "rekey rotation's progress; nothing was changed. With this organisation's credential rules use "
                    + "rotation.strategy: replace")
        }
        let credentials = listed.filter { $0.kind == "Key" }.map(LivePrincipal.credential)
        return .init(
            facts: RotationFactsBuilder.rekey(credentials: credentials, entry: context.metadata),
            live: Observation(current: current, asPrincipal: asPrincipal, credentials: credentials))
    }

    /// Writes a key as `pending`, with the principal's unchanged token.
    private func writePending(
        _ pem: String, fingerprint: String, credentialId: String?, _ step: RotationStep<Observation>
    ) async throws {
        try await tools.writePendingWithRetries(
            .privateKey(pem: pem, credentialId: credentialId, token: step.live.current.token),
            store: step.context.store, entry: step.context.entry, fingerprint: fingerprint,
            metadata: SecretVersionMetadata(
                credentialId: credentialId, generation: step.next, principalId: principalId(in: step.context),
                trigger: policy.trigger))
    }

    func stage(_ step: RotationStep<Observation>, log: inout RotationLog) async throws {
        let key = try PrivateSigningKey(generating: declared.key.algorithm)
        try await writePending(key.pkcs8PEM, fingerprint: key.publicKey.fingerprint, credentialId: nil, step)
        log.add(
            "staged generation \(step.next) (\(key.publicKey.fingerprint))",
            fingerprint: ("new", key.publicKey.fingerprint))
    }

    func register(_ step: RotationStep<Observation>, log: inout RotationLog) async throws {
        let pem = try await step.context.pendingKeyPEM()
        let newKey = try PrivateSigningKey(pem: pem)
        let name = CredentialName(marker: declared.marker, generation: step.next).description
        let (credential, path) = try await registerCredential(newKey, name: name, as: step.live.asPrincipal)
        try await writePending(
            pem, fingerprint: newKey.publicKey.fingerprint, credentialId: credential.credentialId, step)
        log.add("registered generation \(step.next) through \(path), signed with generation \(step.next - 1)")
        log.path = path
    }

    func promote(_ step: RotationStep<Observation>, log: inout RotationLog) async throws {
        let context = step.context
        // A run that stopped after Dfns registered the key, before the store recorded its credential id (a lost
        // answer, a crash): the live credential with the staged key's fingerprint is that registration.
        if let staged = context.metadata.pending, staged.metadata.credentialId == nil,
            let live = step.live.credentials.first(where: { $0.fingerprint == staged.fingerprint && $0.isActive })
        {
            let pem = try await context.pendingKeyPEM()
            try await writePending(pem, fingerprint: staged.fingerprint, credentialId: live.credentialId, step)
            log.add("found generation \(step.next) registered by an interrupted run as \(live.credentialId)")
            return
        }
        let pending = try await context.identity(.pending)
        try await tools.verifySigning(pending.identity, what: "generation \(step.next) of \(address)")
        _ = try await context.store.promote(context.entry)
        log.add("verified generation \(step.next) by signing with it, and made it current in the store")
        if let operatorToken = tools.operatorToken, operatorToken == pending.identity.token {
            log.newOperatorIdentity = pending.identity
        }
    }

    func retire(_ step: RotationStep<Observation>, log: inout RotationLog) async throws {
        let retiring = Set(step.facts.retiring(below: step.status.currentGeneration).map(\.matchKey))
        let oldCredentials = step.live.credentials.filter {
            retiring.contains($0.fingerprint ?? "credential:\($0.credentialId)")
        }
        for old in oldCredentials {
            guard let uuid = old.credentialUuid else {
                throw ApplyError(
                    "\(address): the old credential \(old.credentialId) cannot be deactivated because its "
                        + "credentialUuid is not visible to the principal")
            }
            try await tools.deactivateCredential(uuid, as: step.live.asPrincipal, isServiceAccount: isServiceAccount)
            log.add("deactivated the old credential \(old.credentialId), signed with the new key")
        }
        // The store records the retirement, so that a plan made from store metadata alone (without the principal's
        // token to list its credentials) sees the rotation finished retiring rather than due to retire again.
        if step.context.metadata.previous != nil {
            _ = try await step.context.store.markPreviousRetired(step.context.entry, at: step.now)
        }
    }

    func finish(_ step: RotationStep<Observation>, log: inout RotationLog) async throws {
        _ = try await step.context.store.dropStage(.previous, of: step.context.entry)
        log.add("dropped the previous key from the store (retain elapsed)")
    }

    /// The previous and current keys' credentials, found by fingerprint in the principal's own list (the token is
    /// the same for every generation, so it lists them whichever key is active).
    func rollbackFacts(_ context: RotationContext) async throws -> RollbackFacts {
        var facts = RollbackFacts(
            address: address, strategy: .rekey(serviceAccount: isServiceAccount),
            hold: context.metadata.current?.metadata.hold)
        guard let previous = context.metadata.previous, let current = context.metadata.current else { return facts }
        let credentials = try await observe(context).live.credentials
        func generation(_ version: SecretVersionInfo) -> RollbackFacts.Generation {
            let live = credentials.first { $0.fingerprint == version.fingerprint }
            return RollbackFacts.Generation(
                id: live?.credentialUuid, name: live?.name,
                label: live?.credentialId ?? version.metadata.credentialId ?? version.fingerprint,
                generation: version.metadata.generation, exists: live != nil, isActive: live?.isActive ?? false)
        }
        facts.previous = generation(previous)
        facts.current = generation(current)
        return facts
    }

    /// Reactivates the previous credential (signed with the newer key, the one active then), proves the previous
    /// key signs, and deactivates the newer credential signed with the previous key.
    func rollBack(_ step: RollbackStep, _ facts: RollbackFacts, _ context: RotationContext) async throws -> String {
        let previous = facts.previous?.label ?? "?"
        let newer = facts.current?.label ?? "?"
        switch step {
        case .activatePrevious:
            let asNew = tools.client.acting(as: try await context.identity(.current).identity)
            _ = try await asNew.activateCredential(uuid: facts.previous?.id ?? "").required(
                "reactivating the previous credential")
            return "reactivated the previous credential \(previous), signed with the newer key"
        case .verifyPrevious:
            try await tools.verifySigning(
                try await context.identity(.previous).identity, what: "the previous generation of \(address)")
            return "verified the previous key signs"
        case .deactivateCurrent:
            let asOld = tools.client.acting(as: try await context.identity(.previous).identity)
            try await tools.deactivateCredential(facts.current?.id ?? "", as: asOld, isServiceAccount: isServiceAccount)
            return "deactivated the newer credential \(newer), signed with the previous key"
        case .deleteCurrent, .moveStore:
            throw ApplyError("\(address): a rekey rollback has no \(step) step")
        }
    }

    /// Registers a new Key credential for the principal the client acts as: Create Credential (the seed guide's
    /// way) first, and for service accounts the service-account credential endpoint when the first is refused.
    private func registerCredential(_ newKey: PrivateSigningKey, name: String, as principal: Client) async throws
        -> (Credential, String)
    {
        do {
            let challenge = try await principal.createCredentialChallenge(kind: "Key")
            let credId = Base64URL.encode(Data((0..<24).map { _ in UInt8.random(in: 0...255) }))
            let info = try KeyCredentialAttestation.make(newKey: newKey, credId: credId, challenge: challenge.challenge)
            let request = CreateKeyCredentialRequest(
                credentialName: name, challengeIdentifier: challenge.challengeIdentifier, credentialInfo: info)
            let credential = try await principal.createKeyCredential(request).required(
                "registering a key for \(address)")
            return (credential, "/auth/credentials")
        } catch let error as DfnsAPIError where isServiceAccount && (error.status == 403 || error.status == 401) {
            let request = CreateServiceAccountCredentialRequest(publicKey: newKey.publicKey.pem, name: name)
            let credential = try await principal.createServiceAccountCredential(request).required(
                "registering a key for \(address)")
            return (credential, "/auth/service-accounts/credentials")
        }
    }
}
