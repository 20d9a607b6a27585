import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Webhook actions.
    func webhook(_ action: PlannedAction, _ declared: Declared<WebhookSpec>) async throws -> Done {
        let spec = declared.spec
        switch action.type {
        case .create:
            return try await createWebhook(declared)
        case .update, .adopt:
            guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id to update") }
            let description = declared.marker.webhookDescription(spec.description)
            let request =
                action.type == .adopt
                ? UpdateWebhookRequest(description: description)
                : UpdateWebhookRequest(
                    url: spec.url, events: spec.events, status: DfnsAPI.WebhookStatus(rawValue: spec.status.rawValue),
                    description: description)
            _ = try require(try await client.updateWebhook(id: id, request), "updating \(declared.address)")
            return Done(
                dfnsId: id,
                message: action.type == .adopt
                    ? "adopted \(id) as \(declared.address)" : "updated \(declared.address)")
        case .delete, .deactivate:
            guard let id = action.dfnsId else { throw ApplyError("\(action.id): no Dfns id") }
            _ = try require(try await client.deleteWebhook(id: id), "deleting \(declared.address)")
            return Done(dfnsId: id, message: "deleted \(declared.address)")
        case .activate:
            throw ApplyError("\(declared.address): webhooks are enabled through their status field")
        case .rotate:
            return try await rotate(
                action, WebhookTwinSteps(declared: declared, tools: tools), location: declared.storeLocation)
        case .rollback:
            return try await rollback(action)
        }
    }

    /// Creates a webhook and stores its secret at once; a webhook whose secret could not be stored is deleted.
    private func createWebhook(_ declared: Declared<WebhookSpec>) async throws -> Done {
        let spec = declared.spec
        let (store, entry) = try storeEntry(declared.address, declared.storeLocation)
        let metadata = try await store.metadata(of: entry)
        let webhooks: [Webhook]
        if let snapshot { webhooks = snapshot.webhooks } else { webhooks = try await client.listWebhooks() }
        let existing = webhooks.filter {
            OwnershipMarker.splitWebhookDescription($0.description ?? "").marker == declared.marker
        }
        if let resumed = try await resumeCreation(
            declared.address, liveIds: existing.map(\.id), store: store, entry: entry, metadata: metadata,
            fingerprintName: "secret")
        {
            return resumed
        }
        var notes: [String] = []
        // A webhook carrying the marker whose secret no store holds cannot be used: remove it, but only when it
        // was created after the intent staged here; anything else may belong to an apply with another store.
        let intent = metadata?.pending.flatMap { $0.metadata.principalId == nil ? $0.createdAt : nil }
        for orphan in existing {
            guard let intent, let created = orphan.creationDate,
                created >= intent.addingTimeInterval(-InterruptedCreation.clockSkewAllowance)
            else {
                throw ApplyError(
                    "webhook \(orphan.id) already carries the marker \(declared.marker), but the store holds no "
                        + "secret for it and no creation was staged before it; it may belong to another apply or a "
                        + "store this run cannot see. Nothing was changed; run plan again")
            }
            _ = try require(try await client.deleteWebhook(id: orphan.id), "removing orphaned webhook \(orphan.id)")
            notes.append("removed \(orphan.id), left by an interrupted run without its secret in the store")
        }
        // Dfns chooses the secret, so the store first records the intent to create (a placeholder, not a secret,
        // with no webhook id): a run interrupted before the secret is stored can then tell its own webhook.
        try await tools.writePendingWithRetries(
            .webhookSecret("dfnsops-intent-\(UUID().uuidString.lowercased())"), store: store, entry: entry,
            fingerprint: nil, metadata: SecretVersionMetadata(generation: 1, trigger: spec.secret.rotation.trigger))
        let request = CreateWebhookRequest(
            url: spec.url, events: spec.events, status: DfnsAPI.WebhookStatus(rawValue: spec.status.rawValue),
            description: declared.marker.webhookDescription(spec.description))
        let created = try require(try await client.createWebhook(request), "creating \(declared.address)")
        let secret = try await tools.storeOrDelete(
            created.secret, noun: "secret", of: "the new \(declared.address)",
            afterDeleting: "it was deleted again so that no webhook exists whose secret is lost",
            write: { secret in
                try await tools.writePendingWithRetries(
                    .webhookSecret(secret), store: store, entry: entry, fingerprint: nil,
                    metadata: SecretVersionMetadata(
                        generation: 1, principalId: created.id, trigger: spec.secret.rotation.trigger))
            },
            delete: { _ = try await client.deleteWebhook(id: created.id) })
        _ = try await store.promote(entry)
        notes.insert("created \(declared.address)", at: 0)
        return Done(
            dfnsId: created.id, message: notes.joined(separator: "; "),
            fingerprints: ["secret": SecretFingerprint.ofWebhookSecret(secret)])
    }
}
