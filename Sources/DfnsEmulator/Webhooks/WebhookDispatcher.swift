import DfnsAPI
import Foundation

/// Builds event deliveries, sends them, and records them in each webhook's history.
struct WebhookDispatcher: Sendable {
    let store: EmulatorStore
    let deliverer: WebhookDeliverer
    let clock: any EmulatorClock

    /// A delivery payload for an event.
    func payload(kind: String, data: JSONValue, attempt: Int = 1, retryOf: String? = nil) -> WebhookDeliveryPayload {
        let now = clock.now()
        return WebhookDeliveryPayload(
            id: EntityID.make("whe"), kind: kind, date: DfnsDate.format(now), data: data, deliveryAttempt: attempt,
            retryOf: retryOf, timestampSent: Int(now.timeIntervalSince1970))
    }

    /// `POST /webhooks/{id}/ping`: delivers a test event that is not stored, and reports the receiver's answer.
    func ping(_ target: WebhookTarget) async -> PingWebhookResponse {
        let event = payload(
            kind: "webhook.ping", data: .object(["webhookId": .string(target.webhookId), "message": .string("ping")]))
        let outcome = await deliverer.deliver(event, to: target.url, secret: target.secret)
        return PingWebhookResponse(status: outcome.status, error: outcome.error)
    }

    /// Delivers an event of `kind` to every enabled webhook of `orgId` subscribed to it, and records each delivery.
    /// - Returns: the recorded events.
    func trigger(kind: String, data: JSONValue, orgId: String) async throws -> [WebhookEvent] {
        var recorded: [WebhookEvent] = []
        for target in await store.targets(for: kind, orgId: orgId) {
            let event = payload(kind: kind, data: data)
            let outcome = await deliverer.deliver(event, to: target.url, secret: target.secret)
            let stored = StoredWebhookEvent(
                id: event.id, orgId: orgId, webhookId: target.webhookId, kind: kind, date: clock.now(), data: data,
                status: outcome.status, error: outcome.error, deliveryAttempt: 1, retryOf: nil,
                timestampSent: event.timestampSent, deliveryFailed: !outcome.succeeded)
            try await store.recordEvent(stored)
            recorded.append(await store.webhookEventModel(stored))
        }
        return recorded
    }
}
