import DfnsAPI
import Foundation
import SecretStores

/// The webhook twin strategy: a webhook's secret cannot change, so generation n+1 is a twin webhook (same URL,
/// events, status and marker). Both secrets stay in the store during the overlap (`current` = new, `previous` =
/// old); after it the old webhook is deleted — only once the receiver answers a ping of the new one with 200 — and
/// `previous` is dropped.
struct WebhookTwinSteps<Client: DfnsClient>: RotationStrategySteps {
    /// The webhooks carrying the object's marker, one per generation.
    typealias Observation = [Webhook]

    var declared: Declared<WebhookSpec>
    var tools: ApplyToolbox<Client>

    var kind: ManifestKind { .webhook }
    var address: ObjectAddress { declared.address }
    var policy: RotationPolicy { declared.spec.secret.rotation }
    var liveNoun: String { "webhooks" }
    private var client: Client { tools.client }

    func principalId(in context: RotationContext) -> String? { context.currentId }

    func observe(_ context: RotationContext) async throws -> RotationObservation<[Webhook]> {
        let members = try await client.listWebhooks().filter {
            OwnershipMarker.splitWebhookDescription($0.description ?? "").marker == declared.marker
        }
        let facts = RotationFactsBuilder.byObject(
            members.map { .init(id: $0.id, isActive: true, created: $0.creationDate ?? .distantPast) },
            entry: context.metadata)
        return .init(facts: facts, live: members)
    }

    /// Records the intent to create a twin in the store, then creates it (Dfns chooses a webhook's secret, so
    /// `due` both stages and registers). The intent lets a run interrupted before the secret is stored tell its
    /// own twin from a webhook someone else made with the same marker.
    func stage(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        try await tools.writePendingWithRetries(
            .webhookSecret("dfnsops-intent-\(UUID().uuidString.lowercased())"), store: step.context.store,
            entry: step.context.entry, fingerprint: nil,
            metadata: SecretVersionMetadata(generation: step.next, trigger: policy.trigger))
        try await createTwin(step, log: &log)
    }

    /// `pending` names no live webhook. An intent (no webhook id): a run stopped between recording it and storing
    /// the twin's secret; remove what it made after the intent, and create the twin. A secret whose webhook is gone:
    /// drop it, and the next step starts over.
    func register(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        let context = step.context
        guard let pending = context.metadata.pending, pending.metadata.principalId == nil else {
            _ = try await context.store.dropStage(.pending, of: context.entry)
            log.add("dropped a pending secret whose webhook no longer exists")
            return
        }
        let orphans = InterruptedCreation.orphans(
            staged: pending, referenced: context.referencedIds,
            candidates: step.live.map { .init(id: $0.id, created: $0.creationDate) })
        for orphan in orphans {
            _ = try await client.deleteWebhook(id: orphan).required("removing orphaned webhook \(orphan)")
            log.add("removed \(orphan), created after this rotation's intent but without its secret in the store")
        }
        try await createTwin(step, log: &log)
    }

    /// Creates the twin and stores its secret as `pending` at once; a twin whose secret could not be stored is
    /// deleted again.
    private func createTwin(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        let spec = declared.spec
        let request = CreateWebhookRequest(
            url: spec.url, events: spec.events, status: DfnsAPI.WebhookStatus(rawValue: spec.status.rawValue),
            description: declared.marker.webhookDescription(spec.description))
        let twin = try await client.createWebhook(request).required("creating the twin of \(address)")
        let secret = try await tools.storeOrDelete(
            twin.secret, noun: "secret", of: "the twin of \(address)", afterDeleting: "the twin was deleted again",
            write: { secret in
                try await tools.writePendingWithRetries(
                    .webhookSecret(secret), store: step.context.store, entry: step.context.entry, fingerprint: nil,
                    metadata: SecretVersionMetadata(
                        generation: step.next, principalId: twin.id, trigger: policy.trigger))
            },
            delete: { _ = try await client.deleteWebhook(id: twin.id) })
        log.add(
            "created twin webhook \(twin.id) (generation \(step.next))",
            fingerprint: ("new", SecretFingerprint.ofWebhookSecret(secret)))
    }

    func promote(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        _ = try await step.context.store.promote(step.context.entry)
        log.add("made the twin's secret current; the old one stays as previous, so receivers accept both")
    }

    func retire(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        let context = step.context
        guard let currentId = context.currentId else {
            throw ApplyError("\(address): the store's current secret names no webhook")
        }
        let ping = try await client.pingWebhook(id: currentId).required("pinging \(currentId)")
        guard ping.status == "200" else {
            throw GuardBlocked(
                message: "the receiver answered the new webhook's ping with \(ping.status)"
                    + "\(ping.error.map { " (\($0))" } ?? ""), not 200: it does not accept the new secret yet, so "
                    + "the old webhook stays")
        }
        let retiring = Set(step.facts.retiring(below: step.status.currentGeneration).map(\.matchKey))
        for old in step.live where retiring.contains(old.id) && old.id != currentId {
            _ = try await client.deleteWebhook(id: old.id).required("deleting the old webhook \(old.id)")
            log.add("the receiver accepted the new secret (ping 200); deleted the old webhook \(old.id)")
        }
        if context.metadata.previous != nil {
            try await finish(step, log: &log)
        }
    }

    func finish(_ step: RotationStep<[Webhook]>, log: inout RotationLog) async throws {
        _ = try await step.context.store.dropStage(.previous, of: step.context.entry)
        log.add("dropped the old secret from the store")
    }

    /// The old webhook and its twin, by the ids the store records. A rollback is possible only while the old
    /// webhook exists (the overlap): a deleted webhook cannot return.
    func rollbackFacts(_ context: RotationContext) async throws -> RollbackFacts {
        var facts = RollbackFacts(address: address, strategy: .twin, hold: context.metadata.current?.metadata.hold)
        guard let previous = context.metadata.previous, let current = context.metadata.current else { return facts }
        func generation(_ version: SecretVersionInfo) async throws -> RollbackFacts.Generation {
            let id = version.metadata.principalId
            var exists = false
            if let id { exists = try await self.exists(id) }
            return RollbackFacts.Generation(
                id: id, label: id ?? "generation \(version.metadata.generation ?? 0)",
                generation: version.metadata.generation, exists: exists, isActive: exists)
        }
        facts.previous = try await generation(previous)
        facts.current = try await generation(current)
        return facts
    }

    /// Deletes the twin; the store makes the old secret current again only after that (`RollbackDriver`), so no
    /// webhook ever delivers with a secret the store no longer holds as current or previous.
    func rollBack(_ step: RollbackStep, _ facts: RollbackFacts, _ context: RotationContext) async throws -> String {
        guard step == .deleteCurrent, let twin = facts.current?.id else {
            throw ApplyError("\(address): a webhook rollback has no \(step) step")
        }
        _ = try await client.deleteWebhook(id: twin).required("deleting the twin \(twin)")
        return "deleted the twin webhook \(twin); \(facts.previous?.label ?? "the old webhook") delivers as before"
    }

    /// Whether Dfns still has the webhook: only a 404 says it is gone; any other failure is an error.
    private func exists(_ id: String) async throws -> Bool {
        do {
            _ = try await client.getWebhook(id: id)
            return true
        } catch let error as DfnsAPIError where error.isNotFound {
            return false
        }
    }
}
