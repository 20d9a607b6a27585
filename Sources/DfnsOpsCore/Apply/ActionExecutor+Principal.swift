import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Service-account and PAT actions.
    func principal(_ action: PlannedAction, _ declared: DeclaredPrincipal) async throws -> Done {
        let endpoints = try PrincipalEndpoints(kind: declared.kind, client: client)
        switch action.type {
        case .create:
            return try await createPrincipal(declared, endpoints)
        case .update, .adopt:
            guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id to update") }
            return try await updatePrincipal(declared, id: id, endpoints, adopt: action.type == .adopt)
        case .deactivate where action.reason == .exclusiveKey:
            guard let uuid = action.dfnsId else { throw ApplyError("\(action.id): no credential id") }
            let (store, entry) = try storeEntry(declared.address, declared.storeLocation)
            let context = try await RotationContext.read(store, entry, address: declared.address)
            let asPrincipal = client.acting(as: try await context.identity(.current).identity)
            try await tools.deactivateCredential(
                uuid, as: asPrincipal, isServiceAccount: declared.kind == .serviceAccount)
            return Done(
                dfnsId: context.currentId,
                message: "deactivated the key \(uuid) of \(declared.address), which dfnsops did not register")
        case .activate, .deactivate:
            guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id") }
            let active = action.type == .activate
            let live = try await endpoints.get(id)
            if live.isActive != active {
                _ = try require(
                    try await endpoints.setActive(id, active), "\(action.type.rawValue) \(declared.address)")
            }
            return Done(dfnsId: id, message: "\(active ? "activated" : "deactivated") \(declared.address)")
        case .delete:
            guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id") }
            _ = try require(try await endpoints.delete(id), "deleting \(declared.address)")
            return Done(dfnsId: id, message: "deleted \(declared.address)")
        case .rotate:
            if declared.key.rotation.strategy == .replace {
                return try await rotate(
                    action, ReplaceSteps(declared: declared, endpoints: endpoints, tools: tools),
                    location: declared.storeLocation)
            }
            return try await rotate(
                action, RekeySteps(declared: declared, tools: tools), location: declared.storeLocation)
        case .rollback:
            return try await rollback(action)
        }
    }

    /// Creates a service account or PAT with a new key, so that its token and key end up in the store and
    /// nothing active exists whose secret is lost, whatever step an earlier run stopped at.
    private func createPrincipal(_ declared: DeclaredPrincipal, _ endpoints: PrincipalEndpoints<Client>) async throws
        -> Done
    {
        let (store, entry) = try storeEntry(declared.address, declared.storeLocation)
        let metadata = try await store.metadata(of: entry)
        let candidates: [LivePrincipal]
        switch (snapshot, declared.kind) {
        case (let live?, .personalAccessToken): candidates = live.personalAccessTokens.map(LivePrincipal.init)
        case (let live?, _): candidates = live.serviceAccounts.map(LivePrincipal.init)
        case (nil, _): candidates = try await endpoints.list()
        }
        let existing = candidates.filter { $0.marker == declared.marker }
        var notes: [String] = []

        // An earlier run finished, or got as far as storing the token: complete it.
        let resumed = try await resumeCreation(
            declared.address, liveIds: existing.map(\.id), store: store, entry: entry, metadata: metadata,
            fingerprintName: "key",
            complete: { id in
                try await endpoints.assignPermissions(declared, id: id)
                if !declared.active {
                    _ = try require(try await endpoints.setActive(id, false), "deactivating \(declared.address)")
                }
            })
        if let resumed { return resumed }
        // A principal carrying the marker whose token no store holds cannot be used: remove it first, but only
        // when it was created from the key staged here; anything else may belong to an apply with another store.
        let staged = metadata?.pending.flatMap { $0.metadata.principalId == nil ? $0.fingerprint : nil }
        for orphan in existing {
            guard let staged, orphan.tokenCredential?.fingerprint == staged else {
                throw ApplyError(
                    "\(orphan.id) already carries the marker \(declared.marker.externalId), but the store holds "
                        + "no token for it and it was not created from the key staged there; it may belong to "
                        + "another apply or a store this run cannot see. Nothing was changed; run plan again")
            }
            _ = try require(try await endpoints.delete(orphan.id), "removing orphaned \(orphan.id)")
            notes.append("removed \(orphan.id), left by an interrupted run without its token in the store")
        }

        // The key goes to the store as `pending` before its public key is sent anywhere.
        let key: PrivateSigningKey
        if let pending = metadata?.pending, pending.metadata.principalId == nil,
            let material = try? await store.readValue(of: entry, stage: .pending),
            let pem = material.privateKeyPEM, let staged = try? PrivateSigningKey(pem: pem)
        {
            key = staged
        } else {
            key = try PrivateSigningKey(generating: declared.key.algorithm)
            try await tools.writePendingWithRetries(
                .privateKey(pem: key.pkcs8PEM, credentialId: nil, token: nil), store: store, entry: entry,
                fingerprint: key.publicKey.fingerprint,
                metadata: SecretVersionMetadata(generation: 1, trigger: declared.key.rotation.trigger))
        }

        let created = try require(
            try await endpoints.create(declared, publicKeyPEM: key.publicKey.pem), "creating \(declared.address)")
        _ = try await tools.storeOrDelete(
            created.token, noun: "token", of: "the new \(declared.address)",
            afterDeleting: "it was deleted again so that nothing active exists whose secret is lost",
            write: { token in
                try await tools.writePendingWithRetries(
                    .privateKey(pem: key.pkcs8PEM, credentialId: created.credentialId, token: token), store: store,
                    entry: entry, fingerprint: key.publicKey.fingerprint,
                    metadata: SecretVersionMetadata(
                        credentialId: created.credentialId, generation: 1, principalId: created.id,
                        trigger: declared.key.rotation.trigger))
            },
            delete: { _ = try await endpoints.delete(created.id) })
        _ = try await store.promote(entry)
        try await endpoints.assignPermissions(declared, id: created.id)
        if !declared.active {
            _ = try require(try await endpoints.setActive(created.id, false), "deactivating \(declared.address)")
        }
        notes.insert("created \(declared.address) with a new \(declared.key.algorithm.rawValue) key", at: 0)
        return Done(
            dfnsId: created.id, message: notes.joined(separator: "; "),
            fingerprints: ["key": key.publicKey.fingerprint])
    }

    private func updatePrincipal(
        _ declared: DeclaredPrincipal, id: String, _ endpoints: PrincipalEndpoints<Client>, adopt: Bool
    ) async throws -> Done {
        let live = try await endpoints.get(id)
        let name = live.name == declared.dfnsName ? nil : declared.dfnsName
        let externalId = adopt && live.externalId != declared.marker.externalId ? declared.marker.externalId : nil
        if name != nil || externalId != nil {
            _ = try require(
                try await endpoints.update(id, name: name, externalId: externalId), "updating \(declared.address)")
        }
        if !adopt { try await endpoints.assignPermissions(declared, id: id, live: live) }
        return Done(dfnsId: id, message: adopt ? "adopted \(id) as \(declared.address)" : "updated \(declared.address)")
    }
}
