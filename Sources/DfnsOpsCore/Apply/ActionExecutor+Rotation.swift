import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// The most steps one rotate action takes in a run (due → staged → registered → promoted is four).
    static var maxRotationSteps: Int { 8 }

    /// Rotates a service account's or PAT's key: each step is chosen from the facts observed just before it,
    /// so a run interrupted anywhere is continued by the next. Stops at the overlap, or when steady.
    func rotatePrincipal(_ action: PlannedAction, _ declared: DeclaredPrincipal) async throws -> Done {
        let endpoints = PrincipalEndpoints(kind: declared.kind, client: client)
        var log = RotationLog()
        var manual = action.reason == .rotationManual
        for _ in 0..<Self.maxRotationSteps {
            let context = try await rotationContext(kind: declared.kind, name: declared.name, reference: declared.store)
            let policy = declared.key.rotation
            if policy.strategy == .replace {
                guard try await replaceStep(declared, endpoints, context, manual: manual, log: &log) else { break }
            } else {
                guard try await rekeyStep(declared, endpoints, context, manual: manual, log: &log) else { break }
            }
            manual = false
        }
        return Done(
            dfnsId: log.principalId ?? action.dfnsId, message: log.message, fingerprints: log.fingerprints,
            newOperatorIdentity: log.newOperatorIdentity)
    }

    func rotationContext(kind: ManifestKind, name: String, reference: StoreReference?) async throws -> RotationContext {
        let (store, entry) = try storeEntry(kind: kind, name: name, reference: reference)
        guard let metadata = try await store.metadata(of: entry) else {
            throw ApplyError("\(kind.rawValue)/\(name) has no store entry at \(entry); dfnsops holds no key to rotate")
        }
        return RotationContext(store: store, entry: entry, metadata: metadata)
    }

    func rotationInputs(
        _ policy: RotationPolicy, current: SecretVersionInfo?, manual: Bool, retireVerb: String = "deactivate"
    )
        -> RotationPhaseResolver.Inputs
    {
        RotationPhaseResolver.Inputs(
            maxAge: policy.maxAge.map { TimeInterval($0.seconds) },
            overlap: TimeInterval(policy.effectiveOverlap.seconds),
            retain: TimeInterval(policy.effectiveRetain.seconds),
            triggerChanged: policy.trigger != nil && policy.trigger != current?.metadata.trigger,
            manualRequest: manual, now: now(), retireVerb: retireVerb)
    }

    /// One rekey step; returns false when there is nothing more to do in this run.
    private func rekeyStep(
        _ declared: DeclaredPrincipal, _ endpoints: PrincipalEndpoints<Client>, _ context: RotationContext,
        manual: Bool, log: inout RotationLog
    ) async throws -> Bool {
        let current = try await context.identity(.current)
        let principalId = context.metadata.current?.metadata.principalId ?? ""
        log.principalId = principalId
        let asPrincipal = client.acting(as: current.identity)
        let listed: [Credential]
        do {
            listed = try await asPrincipal.listCredentials()
        } catch let error as DfnsAPIError where error.status == 403 || error.status == 401 {
            // Without its own credential list dfnsops cannot see whether a registered key is live, and would
            // register again on every run: stop before anything is staged or sent.
            throw ApplyError(
                "\(declared.address) may not list its own credentials (\(error.status.map(String.init) ?? "refused")), so dfnsops cannot observe a "
                    + "rekey rotation's progress; nothing was changed. With this organisation's credential rules use "
                    + "rotation.strategy: replace")
        }
        let credentials = listed.filter { $0.kind == "Key" }.map(LivePrincipal.credential)
        let facts = RotationFactsBuilder.rekey(credentials: credentials, entry: context.metadata)
        let status = RotationPhaseResolver.status(
            of: facts, rotationInputs(declared.key.rotation, current: context.metadata.current, manual: manual))
        let next = status.nextGeneration ?? ((status.currentGeneration ?? 1) + 1)
        let trigger = declared.key.rotation.trigger

        switch status.phase {
        case .due:
            let key = try PrivateSigningKey(generating: declared.key.algorithm)
            try await writePendingWithRetries(
                .privateKey(pem: key.pkcs8PEM, credentialId: nil, token: current.identity.token), store: context.store,
                entry: context.entry, fingerprint: key.publicKey.fingerprint,
                metadata: SecretVersionMetadata(generation: next, principalId: principalId, trigger: trigger))
            log.add(
                "staged generation \(next) (\(key.publicKey.fingerprint))",
                fingerprint: ("new", key.publicKey.fingerprint))
            return true
        case .staged:
            let pending = try await context.store.readValue(of: context.entry, stage: .pending)
            guard let pem = pending.privateKeyPEM else {
                throw ApplyError("the pending version of \(context.entry) holds no key")
            }
            let newKey = try PrivateSigningKey(pem: pem)
            let name = CredentialName(marker: declared.marker, generation: next).description
            let (credential, path) = try await registerCredential(
                newKey, name: name, as: asPrincipal, serviceAccount: declared.kind == .serviceAccount,
                what: declared.address.description)
            try await writePendingWithRetries(
                .privateKey(pem: pem, credentialId: credential.credentialId, token: current.identity.token),
                store: context.store, entry: context.entry, fingerprint: newKey.publicKey.fingerprint,
                metadata: SecretVersionMetadata(
                    credentialId: credential.credentialId, generation: next, principalId: principalId, trigger: trigger)
            )
            log.add("registered generation \(next) through \(path), signed with generation \(next - 1)")
            log.path = path
            return true
        case .registered:
            // A run that stopped after Dfns registered the key, before the store recorded its credential id (a lost
            // answer, a crash): the live credential with the staged key's fingerprint is that registration.
            if let staged = context.metadata.pending, staged.metadata.credentialId == nil,
                let live = credentials.first(where: { $0.fingerprint == staged.fingerprint && $0.isActive })
            {
                let pending = try await context.store.readValue(of: context.entry, stage: .pending)
                guard let pem = pending.privateKeyPEM else {
                    throw ApplyError("the pending version of \(context.entry) holds no key")
                }
                try await writePendingWithRetries(
                    .privateKey(pem: pem, credentialId: live.credentialId, token: current.identity.token),
                    store: context.store, entry: context.entry, fingerprint: staged.fingerprint,
                    metadata: SecretVersionMetadata(
                        credentialId: live.credentialId, generation: next, principalId: principalId, trigger: trigger))
                log.add("found generation \(next) registered by an interrupted run as \(live.credentialId)")
                return true
            }
            let pending = try await context.identity(.pending)
            try await verifySigning(pending.identity, what: "generation \(next) of \(declared.address)")
            _ = try await context.store.promote(context.entry)
            log.add("verified generation \(next) by signing with it, and made it current in the store")
            if let operatorToken, operatorToken == pending.identity.token {
                log.newOperatorIdentity = pending.identity
            }
            return true
        case .overlap:
            log.add(
                "waiting: \(status.nextStep ?? "retire") after \(status.nextStepAt.map(PlanTime.format) ?? "the overlap")"
            )
            return false
        case .retire:
            let oldCredentials = credentials.filter { credential in
                credential.isActive
                    && facts.live.contains {
                        $0.matchKey == (credential.fingerprint ?? "credential:\(credential.credentialId)")
                            && $0.generation < (status.currentGeneration ?? 0)
                    }
            }
            for old in oldCredentials {
                guard let uuid = old.credentialUuid else {
                    throw ApplyError(
                        "\(declared.address): the old credential \(old.credentialId) cannot be deactivated because its "
                            + "credentialUuid is not visible to the principal")
                }
                try await deactivateCredential(uuid, as: asPrincipal, serviceAccount: declared.kind == .serviceAccount)
                log.add("deactivated the old credential \(old.credentialId), signed with the new key")
            }
            return true
        case .done:
            guard status.nextStepAt == nil else { return false }
            _ = try await context.store.dropStage(.previous, of: context.entry)
            log.add("dropped the previous key from the store (retain elapsed)")
            return true
        case .steady:
            if log.steps.isEmpty { log.add("nothing to do: generation \(status.currentGeneration ?? 1) is current") }
            return false
        case .inconsistent:
            throw ApplyError(
                "\(declared.address): \(status.problem ?? "the store does not match the live credentials")")
        }
    }

    /// Registers a new Key credential for the principal the client acts as: Create Credential (the seed guide's
    /// way) first, and for service accounts the service-account credential endpoint when the first is refused.
    func registerCredential(
        _ newKey: PrivateSigningKey, name: String, as principal: Client, serviceAccount: Bool, what: String
    ) async throws -> (Credential, String) {
        do {
            let challenge = try await principal.createCredentialChallenge(kind: "Key")
            let credId = Base64URL.encode(Data((0..<24).map { _ in UInt8.random(in: 0...255) }))
            let info = try KeyCredentialAttestation.make(newKey: newKey, credId: credId, challenge: challenge.challenge)
            let request = CreateKeyCredentialRequest(
                credentialName: name, challengeIdentifier: challenge.challengeIdentifier, credentialInfo: info)
            let credential = try require(
                try await principal.createKeyCredential(request), "registering a key for \(what)")
            return (credential, "/auth/credentials")
        } catch let error as DfnsAPIError where serviceAccount && (error.status == 403 || error.status == 401) {
            let request = CreateServiceAccountCredentialRequest(publicKey: newKey.publicKey.pem, name: name)
            let credential = try require(
                try await principal.createServiceAccountCredential(request), "registering a key for \(what)")
            return (credential, "/auth/service-accounts/credentials")
        }
    }

    /// Deactivates one of the acting principal's credentials; for service accounts refused the credential
    /// endpoints, deletes it through the service-account credential endpoint instead.
    func deactivateCredential(_ uuid: String, as principal: Client, serviceAccount: Bool) async throws {
        do {
            _ = try require(try await principal.deactivateCredential(uuid: uuid), "deactivating credential \(uuid)")
        } catch let error as DfnsAPIError where serviceAccount && (error.status == 403 || error.status == 401) {
            _ = try require(
                try await principal.deleteServiceAccountCredential(uuid: uuid), "deleting credential \(uuid)")
        }
    }

    /// Proves an identity works: obtains a user-action token signed with its key (the token is not used).
    func verifySigning(_ identity: DfnsIdentity, what: String) async throws {
        let scoped = client.acting(as: identity)
        let challenge = try await scoped.initUserAction(
            UserActionInitRequest(method: "POST", path: "/auth/credentials/init", payload: #"{"kind":"Key"}"#))
        guard challenge.allowCredentials.key.contains(where: { $0.id == identity.signer.credentialId }) else {
            throw ApplyError("\(what) is not among the credentials Dfns allows to sign; it was not promoted")
        }
        let assertion = try identity.signer.assertion(forChallenge: challenge.challenge)
        _ = try await scoped.completeUserAction(
            UserActionCompleteRequest(
                challengeIdentifier: challenge.challengeIdentifier,
                firstFactor: UserActionFactor(credentialAssertion: assertion)))
    }
}

/// The steps a rotate action took, for its result message.
struct RotationLog {
    var steps: [String] = []
    var fingerprints: [String: String] = [:]
    var principalId: String?
    var path: String?
    var newOperatorIdentity: DfnsIdentity?

    mutating func add(_ step: String, fingerprint: (String, String)? = nil) {
        steps.append(step)
        if let fingerprint { fingerprints[fingerprint.0] = fingerprint.1 }
    }

    var message: String {
        var text = steps.joined(separator: "; ")
        if let path { text += " [credential path: \(path)]" }
        return text
    }
}
