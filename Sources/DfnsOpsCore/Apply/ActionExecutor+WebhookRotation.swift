import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Rotates a webhook's secret with a twin: create webhook n+1 (same URL, events, status), keep both secrets in
    /// the store (`current` = new, `previous` = old), and after the overlap delete the old webhook — only once the
    /// receiver answers a ping of the new one with 200 — then drop `previous`.
    func rotateWebhook(_ action: PlannedAction, _ declared: Declared<WebhookSpec>) async throws -> Done {
        var log = RotationLog()
        var manual = action.reason == .rotationManual
        for _ in 0..<Self.maxRotationSteps {
            let context = try await rotationContext(
                kind: .webhook, name: declared.name, reference: declared.spec.secret.store)
            guard try await webhookStep(declared, context, manual: manual, log: &log) else { break }
            manual = false
        }
        return Done(
            dfnsId: log.principalId ?? action.dfnsId, message: log.message, fingerprints: log.fingerprints,
            newOperatorIdentity: log.newOperatorIdentity)
    }

    private func webhookStep(
        _ declared: Declared<WebhookSpec>, _ context: RotationContext, manual: Bool, log: inout RotationLog
    ) async throws -> Bool {
        let spec = declared.spec
        let members = try await client.listWebhooks().filter {
            OwnershipMarker.splitWebhookDescription($0.description ?? "").marker == declared.marker
        }
        let facts = RotationFactsBuilder.byObject(
            members.map { .init(id: $0.id, isActive: true, created: $0.creationDate ?? .distantPast) },
            entry: context.metadata)
        let status = RotationPhaseResolver.status(
            of: facts,
            rotationInputs(
                spec.secret.rotation, current: context.metadata.current, manual: manual, retireVerb: "delete"))
        let next = status.nextGeneration ?? ((status.currentGeneration ?? 1) + 1)
        let referenced = Set(context.metadata.stagedVersions.compactMap(\.version.metadata.principalId))
        log.principalId = context.metadata.current?.metadata.principalId

        switch status.phase {
        case .due:
            for orphan in members where !referenced.contains(orphan.id) {
                _ = try require(try await client.deleteWebhook(id: orphan.id), "removing orphaned webhook \(orphan.id)")
                log.add("removed \(orphan.id), left by an interrupted run without its secret in the store")
            }
            let request = CreateWebhookRequest(
                url: spec.url, events: spec.events, status: DfnsAPI.WebhookStatus(rawValue: spec.status.rawValue),
                description: declared.marker.webhookDescription(spec.description))
            let twin = try require(
                try await client.createWebhook(request), "creating the twin of \(declared.reference)")
            guard let secret = twin.secret else {
                _ = try? await client.deleteWebhook(id: twin.id)
                throw ApplyError("Dfns returned no secret for the twin of \(declared.reference); it was deleted again")
            }
            do {
                try await writePendingWithRetries(
                    .webhookSecret(secret), store: context.store, entry: context.entry, fingerprint: nil,
                    metadata: SecretVersionMetadata(
                        generation: next, principalId: twin.id, trigger: spec.secret.rotation.trigger))
            } catch {
                _ = try? await client.deleteWebhook(id: twin.id)
                throw ApplyError(
                    "could not store the secret of the twin of \(declared.reference) (\(error)); the twin was deleted again"
                )
            }
            log.add(
                "created twin webhook \(twin.id) (generation \(next))",
                fingerprint: ("new", SecretFingerprint.ofWebhookSecret(secret)))
            return true
        case .staged:
            // The pending secret's webhook is gone: start over with a new twin.
            _ = try await context.store.dropStage(.pending, of: context.entry)
            log.add("dropped a pending secret whose webhook no longer exists")
            return true
        case .registered:
            _ = try await context.store.promote(context.entry)
            log.add("made the twin's secret current; the old one stays as previous, so receivers accept both")
            return true
        case .overlap:
            log.add(
                "waiting: \(status.nextStep ?? "retire") after \(status.nextStepAt.map(PlanTime.format) ?? "the overlap")"
            )
            return false
        case .retire:
            guard let currentId = context.metadata.current?.metadata.principalId else {
                throw ApplyError("\(declared.reference): the store's current secret names no webhook")
            }
            let ping = try require(try await client.pingWebhook(id: currentId), "pinging \(currentId)")
            guard ping.status == "200" else {
                throw GuardBlocked(
                    message: "the receiver answered the new webhook's ping with \(ping.status)"
                        + "\(ping.error.map { " (\($0))" } ?? ""), not 200: it does not accept the new secret yet, so "
                        + "the old webhook stays")
            }
            for old in members where old.id != currentId && referenced.contains(old.id) {
                _ = try require(try await client.deleteWebhook(id: old.id), "deleting the old webhook \(old.id)")
                log.add("the receiver accepted the new secret (ping 200); deleted the old webhook \(old.id)")
            }
            if context.metadata.previous != nil {
                _ = try await context.store.dropStage(.previous, of: context.entry)
                log.add("dropped the old secret from the store")
            }
            return true
        case .done:
            guard status.nextStepAt == nil, context.metadata.previous != nil else { return false }
            _ = try await context.store.dropStage(.previous, of: context.entry)
            log.add("dropped the old secret from the store")
            return true
        case .steady:
            if log.steps.isEmpty { log.add("nothing to do: generation \(status.currentGeneration ?? 1) is current") }
            return false
        case .inconsistent:
            throw ApplyError("\(declared.reference): \(status.problem ?? "the store does not match the live webhooks")")
        }
    }
}
