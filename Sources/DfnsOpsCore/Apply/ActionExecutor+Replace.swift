import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// One step of the replace strategy: generation n+1 is a whole new service account or PAT (new token, new
    /// key, the same permissions); the old one is deactivated after the overlap and deleted after `retain`.
    /// Returns false when there is nothing more to do in this run.
    func replaceStep(
        _ declared: DeclaredPrincipal, _ endpoints: PrincipalEndpoints<Client>, _ context: RotationContext,
        manual: Bool, log: inout RotationLog
    ) async throws -> Bool {
        let members = try await endpoints.list().filter { $0.marker == declared.marker }
        let facts = RotationFactsBuilder.byObject(
            members.map { .init(id: $0.id, isActive: $0.isActive, created: $0.created ?? .distantPast) },
            entry: context.metadata)
        let status = RotationPhaseResolver.status(
            of: facts, rotationInputs(declared.key.rotation, current: context.metadata.current, manual: manual))
        let next = status.nextGeneration ?? ((status.currentGeneration ?? 1) + 1)
        let trigger = declared.key.rotation.trigger
        let referenced = Set(context.metadata.stagedVersions.compactMap(\.version.metadata.principalId))
        log.principalId = context.metadata.current?.metadata.principalId

        switch status.phase {
        case .due:
            // A new rotation before `retain` elapsed: promoting it will drop the previous generation from the store,
            // and nothing would then delete that (inactive) principal, so it goes now.
            if let previousId = context.metadata.previous?.metadata.principalId,
                previousId != context.metadata.current?.metadata.principalId,
                let old = members.first(where: { $0.id == previousId }), !old.isActive
            {
                _ = try require(try await endpoints.delete(previousId), "deleting the old \(previousId)")
                _ = try await context.store.dropStage(.previous, of: context.entry)
                log.add(
                    "deleted the previous generation \(previousId) early: a new rotation starts before retain elapsed")
                return true
            }
            let key = try PrivateSigningKey(generating: declared.key.algorithm)
            try await writePendingWithRetries(
                .privateKey(pem: key.pkcs8PEM, credentialId: nil, token: nil), store: context.store,
                entry: context.entry, fingerprint: key.publicKey.fingerprint,
                metadata: SecretVersionMetadata(generation: next, trigger: trigger))
            log.add("staged the key of generation \(next)", fingerprint: ("new", key.publicKey.fingerprint))
            return true
        case .staged:
            // A principal with the marker that no stage refers to was created by an interrupted run whose token was
            // never stored: it cannot be used, so it goes before the new one is created.
            let stagedKey = context.metadata.pending?.fingerprint
            for orphan in members where !referenced.contains(orphan.id) {
                // Only what was made from the key staged here is provably this store's; anything else may belong
                // to an apply with another store.
                guard orphan.tokenCredential?.fingerprint == stagedKey else {
                    throw ApplyError(
                        "\(orphan.id) carries the marker \(declared.marker) but no store version names it, and it was "
                            + "not created from the key staged at \(context.entry); nothing was changed")
                }
                _ = try require(try await endpoints.delete(orphan.id), "removing orphaned \(orphan.id)")
                log.add("removed \(orphan.id), left by an interrupted run without its token in the store")
            }
            let pending = try await context.store.readValue(of: context.entry, stage: .pending)
            guard let pem = pending.privateKeyPEM else {
                throw ApplyError("the pending version of \(context.entry) holds no key")
            }
            let key = try PrivateSigningKey(pem: pem)
            let created = try require(
                try await endpoints.create(declared, publicKeyPEM: key.publicKey.pem, generation: next),
                "creating generation \(next)")
            guard let token = created.token else {
                _ = try? await endpoints.delete(created.id)
                throw ApplyError(
                    "Dfns returned no token for generation \(next) of \(declared.address); it was deleted again")
            }
            do {
                try await writePendingWithRetries(
                    .privateKey(pem: pem, credentialId: created.credentialId, token: token), store: context.store,
                    entry: context.entry, fingerprint: key.publicKey.fingerprint,
                    metadata: SecretVersionMetadata(
                        credentialId: created.credentialId, generation: next, principalId: created.id, trigger: trigger)
                )
            } catch {
                _ = try? await endpoints.delete(created.id)
                throw ApplyError(
                    "could not store the token of generation \(next) of \(declared.address) (\(error)); it was deleted again"
                )
            }
            try await assignPermissions(declared, id: created.id, endpoints)
            log.add("created generation \(next) as \(created.id) with the same permissions")
            return true
        case .registered:
            let pending = try await context.identity(.pending)
            // An interrupted run may have stored the token before every permission was assigned.
            if let newId = context.metadata.pending?.metadata.principalId {
                try await assignPermissions(declared, id: newId, endpoints)
            }
            try await verifySigning(pending.identity, what: "generation \(next) of \(declared.address)")
            let wasOperator = try? await context.identity(.current).identity.token == operatorToken
            _ = try await context.store.promote(context.entry)
            log.add("verified the new token and key of generation \(next), and made them current in the store")
            if operatorToken != nil, wasOperator == true { log.newOperatorIdentity = pending.identity }
            return true
        case .overlap:
            log.add(
                "waiting: \(status.nextStep ?? "retire") after \(status.nextStepAt.map(PlanTime.format) ?? "the overlap")"
            )
            return false
        case .retire:
            let currentId = context.metadata.current?.metadata.principalId
            for old in members where old.isActive && old.id != currentId && referenced.contains(old.id) {
                _ = try require(try await endpoints.setActive(old.id, false), "deactivating the old \(old.id)")
                log.add("deactivated the previous generation \(old.id)")
            }
            return true
        case .done:
            guard status.nextStepAt == nil else { return false }
            if let previousId = context.metadata.previous?.metadata.principalId,
                members.contains(where: { $0.id == previousId })
            {
                _ = try require(try await endpoints.delete(previousId), "deleting the old \(previousId)")
                log.add("deleted the previous generation \(previousId) (retain elapsed)")
            }
            _ = try await context.store.dropStage(.previous, of: context.entry)
            return true
        case .steady:
            if log.steps.isEmpty { log.add("nothing to do: generation \(status.currentGeneration ?? 1) is current") }
            return false
        case .inconsistent:
            throw ApplyError("\(declared.address): \(status.problem ?? "the store does not match the live principals")")
        }
    }
}
