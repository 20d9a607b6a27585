import DfnsAPI
import Hummingbird

/// `/webhooks*`: list (paginated), get, create, update, delete, ping, and the event history.
struct WebhookRoutes: Sendable {
    let dispatcher: WebhookDispatcher

    func register(on api: APIRouter) {
        let store = api.store
        let dispatcher = self.dispatcher
        api.on(.get, "/webhooks", .read("Webhooks:Read")) { input in
            await store.listWebhooks(page: try input.page(), caller: input.caller)
        }
        api.on(.get, "/webhooks/:id", .read("Webhooks:Read")) { input in
            try await store.webhook(input.id(), caller: input.caller)
        }
        api.on(.post, "/webhooks", .mutation("Webhooks:Create")) { input in
            try await store.createWebhook(input.decode(CreateWebhookRequest.self), caller: input.caller)
        }
        api.on(.put, "/webhooks/:id", .mutation("Webhooks:Update")) { input in
            try await store.updateWebhook(input.id(), input.decode(UpdateWebhookRequest.self), caller: input.caller)
        }
        api.on(.delete, "/webhooks/:id", .mutation("Webhooks:Delete")) { input in
            try await store.deleteWebhook(input.id(), caller: input.caller)
        }
        api.on(.post, "/webhooks/:id/ping", .mutation("Webhooks:Ping")) { input in
            await dispatcher.ping(try await store.pingTarget(input.id(), caller: input.caller))
        }
        api.on(.get, "/webhooks/:id/events", .read("Webhooks:Events:Read")) { input in
            try await store.listWebhookEvents(
                input.id(), kind: input.query.get("kind"), deliveryFailed: input.query.get("deliveryFailed"),
                page: input.page(), caller: input.caller)
        }
        api.on(.get, "/webhooks/:id/events/:eventId", .read("Webhooks:Events:Read")) { input in
            try await store.webhookEvent(input.id(), input.id("eventId"), caller: input.caller)
        }
    }
}
