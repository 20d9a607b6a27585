import DfnsAPI
import Foundation
import SecretStores

/// The replace strategy (for principals that cannot add a credential to themselves): generation n+1 is a whole new
/// service account or PAT (new token, new key, the same permissions); the old one is deactivated after the overlap
/// and deleted after `retain`.
struct ReplaceSteps<Client: DfnsClient>: RotationStrategySteps {
    /// The principals carrying the object's marker, one per generation.
    typealias Observation = [LivePrincipal]

    var declared: DeclaredPrincipal
    var endpoints: PrincipalEndpoints<Client>
    var tools: ApplyToolbox<Client>

    var kind: ManifestKind { declared.kind }
    var address: ObjectAddress { declared.address }
    var policy: RotationPolicy { declared.key.rotation }
    var liveNoun: String { "principals" }

    func principalId(in context: RotationContext) -> String? { context.currentId }

    func observe(_ context: RotationContext) async throws -> RotationObservation<[LivePrincipal]> {
        let members = try await endpoints.list().filter { $0.marker == declared.marker }
        let facts = RotationFactsBuilder.byObject(
            members.map { .init(id: $0.id, isActive: $0.isActive, created: $0.created ?? .distantPast) },
            entry: context.metadata)
        return .init(facts: facts, live: members)
    }

    func stage(_ step: RotationStep<[LivePrincipal]>, log: inout RotationLog) async throws {
        let metadata = step.context.metadata
        // A new rotation before `retain` elapsed: promoting it will drop the previous generation from the store,
        // and nothing would then delete that (inactive) principal, so it goes now.
        if let previousId = metadata.previous?.metadata.principalId, previousId != step.context.currentId,
            let old = step.live.first(where: { $0.id == previousId }), !old.isActive
        {
            _ = try await endpoints.delete(previousId).required("deleting the old \(previousId)")
            _ = try await step.context.store.dropStage(.previous, of: step.context.entry)
            log.add("deleted the previous generation \(previousId) early: a new rotation starts before retain elapsed")
            return
        }
        let key = try PrivateSigningKey(generating: declared.key.algorithm)
        try await tools.writePendingWithRetries(
            .privateKey(pem: key.pkcs8PEM, credentialId: nil, token: nil), store: step.context.store,
            entry: step.context.entry, fingerprint: key.publicKey.fingerprint,
            metadata: SecretVersionMetadata(generation: step.next, trigger: policy.trigger))
        log.add("staged the key of generation \(step.next)", fingerprint: ("new", key.publicKey.fingerprint))
    }

    func register(_ step: RotationStep<[LivePrincipal]>, log: inout RotationLog) async throws {
        let context = step.context
        let next = step.next
        // A principal with the marker that no stage names, made from the key staged here, was created by an
        // interrupted run whose token was never stored: nobody can use it, so it goes before the new one is
        // created. Anything else carrying the marker is not provably ours and is left alone.
        let orphans = InterruptedCreation.orphans(
            staged: context.metadata.pending, referenced: context.referencedIds,
            candidates: step.live.map { .init(id: $0.id, keyFingerprint: $0.tokenCredential?.fingerprint) })
        for orphan in orphans {
            _ = try await endpoints.delete(orphan).required("removing orphaned \(orphan)")
            log.add("removed \(orphan), left by an interrupted run without its token in the store")
        }
        let pem = try await context.pendingKeyPEM()
        let key = try PrivateSigningKey(pem: pem)
        let created = try await endpoints.create(declared, publicKeyPEM: key.publicKey.pem, generation: next)
            .required("creating generation \(next)")
        _ = try await tools.storeOrDelete(
            created.token, noun: "token", of: "generation \(next) of \(address)",
            write: { token in
                try await tools.writePendingWithRetries(
                    .privateKey(pem: pem, credentialId: created.credentialId, token: token), store: context.store,
                    entry: context.entry, fingerprint: key.publicKey.fingerprint,
                    metadata: SecretVersionMetadata(
                        credentialId: created.credentialId, generation: next, principalId: created.id,
                        trigger: policy.trigger))
            },
            delete: { _ = try await endpoints.delete(created.id) })
        try await endpoints.assignPermissions(declared, id: created.id)
        log.add("created generation \(next) as \(created.id) with the same permissions")
    }

    func promote(_ step: RotationStep<[LivePrincipal]>, log: inout RotationLog) async throws {
        let context = step.context
        let pending = try await context.identity(.pending)
        // An interrupted run may have stored the token before every permission was assigned.
        if let newId = context.metadata.pending?.metadata.principalId {
            try await endpoints.assignPermissions(declared, id: newId)
        }
        try await tools.verifySigning(pending.identity, what: "generation \(step.next) of \(address)")
        let wasOperator = try? await context.identity(.current).identity.token == tools.operatorToken
        _ = try await context.store.promote(context.entry)
        log.add("verified the new token and key of generation \(step.next), and made them current in the store")
        if tools.operatorToken != nil, wasOperator == true { log.newOperatorIdentity = pending.identity }
    }

    func retire(_ step: RotationStep<[LivePrincipal]>, log: inout RotationLog) async throws {
        let retiring = Set(step.facts.retiring(below: step.status.currentGeneration).map(\.matchKey))
        for old in step.live where retiring.contains(old.id) {
            _ = try await endpoints.setActive(old.id, false).required("deactivating the old \(old.id)")
            log.add("deactivated the previous generation \(old.id)")
        }
    }

    func finish(_ step: RotationStep<[LivePrincipal]>, log: inout RotationLog) async throws {
        if let previousId = step.context.metadata.previous?.metadata.principalId,
            step.live.contains(where: { $0.id == previousId })
        {
            _ = try await endpoints.delete(previousId).required("deleting the old \(previousId)")
            log.add("deleted the previous generation \(previousId) (retain elapsed)")
        }
        _ = try await step.context.store.dropStage(.previous, of: step.context.entry)
    }

    /// The previous and current principals, by the ids the store records.
    func rollbackFacts(_ context: RotationContext) async throws -> RollbackFacts {
        let target: Effect.Target = kind == .personalAccessToken ? .personalAccessToken : .serviceAccount
        var facts = RollbackFacts(
            address: address, strategy: .replace(target), hold: context.metadata.current?.metadata.hold)
        guard let previous = context.metadata.previous, let current = context.metadata.current else { return facts }
        let members = try await endpoints.list()
        func generation(_ version: SecretVersionInfo) -> RollbackFacts.Generation {
            let id = version.metadata.principalId
            let live = members.first { $0.id == id }
            return RollbackFacts.Generation(
                id: id, label: id ?? "generation \(version.metadata.generation ?? 0)",
                generation: version.metadata.generation, exists: live != nil, isActive: live?.isActive ?? false)
        }
        facts.previous = generation(previous)
        facts.current = generation(current)
        return facts
    }

    /// Reactivates the previous principal, proves its token and key work, and only then deactivates the newer one.
    func rollBack(_ step: RollbackStep, _ facts: RollbackFacts, _ context: RotationContext) async throws -> String {
        let previous = facts.previous?.id ?? ""
        let newer = facts.current?.id ?? ""
        switch step {
        case .activatePrevious:
            _ = try await endpoints.setActive(previous, true).required("reactivating \(previous)")
            return "reactivated \(previous)"
        case .verifyPrevious:
            try await tools.verifySigning(
                try await context.identity(.previous).identity, what: "the previous generation of \(address)")
            return "verified the previous token and key of \(previous) sign"
        case .deactivateCurrent:
            _ = try await endpoints.setActive(newer, false).required("deactivating \(newer)")
            return "deactivated \(newer)"
        case .deleteCurrent, .moveStore:
            throw ApplyError("\(address): a replace rollback has no \(step) step")
        }
    }
}
