import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Rolls a rotation back: reactivates the previous generation, deactivates the newer one (signed with the
    /// previous key), and only then makes the previous version current in the store. Each step is safe to repeat,
    /// so an interrupted rollback is finished by running it again.
    func rollback(kind: ManifestKind, name: String) async throws -> String {
        let marker = OwnershipMarker(kind: kind, name: name)
        guard let manifest = desired.manifest(for: marker) else {
            throw ApplyError("\(marker.kind.rawValue)/\(name) is not declared in the manifests")
        }
        switch manifest {
        case .keyedPrincipal(let declared):
            return try await rollbackPrincipal(
                DeclaredPrincipal(declared, defaults: desired.settings.defaults.rotation))
        case .webhook(let declared):
            return try await rollbackWebhook(declared)
        case .passkeyPolicy, .secretStore, .settings:
            throw ApplyError("\(kind.rawValue) objects do not rotate, so there is nothing to roll back")
        }
    }

    private func rollbackPrincipal(_ declared: DeclaredPrincipal) async throws -> String {
        let context = try await rotationContext(kind: declared.kind, name: declared.name, reference: declared.store)
        guard context.metadata.previous != nil else {
            throw ApplyError(
                "\(declared.address) has no previous generation in the store (no rotation to roll back, or retain "
                    + "elapsed and it was dropped)")
        }
        let previous = try await context.identity(.previous)
        let current = try await context.identity(.current)
        let endpoints = PrincipalEndpoints(kind: declared.kind, client: client)
        var steps: [String] = []
        if declared.key.rotation.strategy == .replace {
            guard let oldId = context.metadata.previous?.metadata.principalId,
                let newId = context.metadata.current?.metadata.principalId
            else { throw ApplyError("the store does not record which principals the generations are") }
            if try await endpoints.get(oldId).isActive == false {
                _ = try require(try await endpoints.setActive(oldId, true), "reactivating \(oldId)")
                steps.append("reactivated \(oldId)")
            }
            if try await endpoints.get(newId).isActive {
                _ = try require(try await endpoints.setActive(newId, false), "deactivating \(newId)")
                steps.append("deactivated \(newId)")
            }
        } else {
            let asNew = client.acting(as: current.identity)
            let credentials = try await asNew.listCredentials()
            let oldFingerprint = previous.key.publicKey.fingerprint
            let newFingerprint = current.key.publicKey.fingerprint
            let byFingerprint = { (fingerprint: String) in
                credentials.first { (try? PublicSigningKey(pem: $0.publicKey))?.fingerprint == fingerprint }
            }
            guard let old = byFingerprint(oldFingerprint) else {
                throw ApplyError("\(declared.address): the previous credential no longer exists in Dfns")
            }
            if !old.isActive {
                _ = try require(
                    try await asNew.activateCredential(uuid: old.credentialUuid), "reactivating the previous credential"
                )
                steps.append("reactivated the previous credential \(old.credentialId)")
            }
            if let new = byFingerprint(newFingerprint), new.isActive {
                let asOld = client.acting(as: previous.identity)
                _ = try require(
                    try await asOld.deactivateCredential(uuid: new.credentialUuid), "deactivating the newer credential")
                steps.append("deactivated the newer credential \(new.credentialId), signed with the previous key")
            }
        }
        try await verifySigning(previous.identity, what: "the previous generation of \(declared.address)")
        _ = try await context.store.rollback(context.entry)
        steps.append("verified the previous key signs, and made it current in the store again")
        return steps.joined(separator: "; ")
    }

    private func rollbackWebhook(_ declared: Declared<WebhookSpec>) async throws -> String {
        let context = try await rotationContext(
            kind: .webhook, name: declared.name, reference: declared.spec.secret.store)
        guard let oldId = context.metadata.previous?.metadata.principalId,
            let newId = context.metadata.current?.metadata.principalId
        else {
            throw ApplyError(
                "\(declared.reference) is not in a rotation overlap: the store holds no previous secret to return to")
        }
        guard (try? await client.getWebhook(id: oldId)) != nil else {
            throw ApplyError(
                "\(declared.reference): the old webhook \(oldId) was already deleted after the overlap, and a deleted "
                    + "webhook cannot return; rotate again instead")
        }
        _ = try await context.store.rollback(context.entry)
        if (try? await client.getWebhook(id: newId)) != nil {
            _ = try require(try await client.deleteWebhook(id: newId), "deleting the twin \(newId)")
        }
        return "made the old secret current again and deleted the twin webhook \(newId); \(oldId) delivers as before"
    }
}
