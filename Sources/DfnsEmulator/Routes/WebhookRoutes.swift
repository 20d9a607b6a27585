import DfnsAPI
import Hummingbird

/// `/webhooks*`: list (paginated), get, create, update, delete, ping, and the event history.
struct WebhookRoutes: Sendable {
    let gateway: APIGateway
    let dispatcher: WebhookDispatcher

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        let dispatcher = self.dispatcher
        router.get("/webhooks") { request, context in
            let query = request.uri.queryParameters
            let (limit, token) = (query.get("limit"), query.get("paginationToken"))
            return try await gateway.respond(request, context, .read("Webhooks:Read")) { caller, _ in
                await store.listWebhooks(page: try PageRequest(limit: limit, paginationToken: token), caller: caller)
            }
        }
        router.get("/webhooks/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .read("Webhooks:Read")) { caller, _ in
                try await store.webhook(id, caller: caller)
            }
        }
        router.post("/webhooks") { request, context in
            try await gateway.respond(request, context, .mutation("Webhooks:Create")) { caller, body in
                try await store.createWebhook(APIGateway.decode(CreateWebhookRequest.self, from: body), caller: caller)
            }
        }
        router.put("/webhooks/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Webhooks:Update")) { caller, body in
                try await store.updateWebhook(
                    id, APIGateway.decode(UpdateWebhookRequest.self, from: body), caller: caller)
            }
        }
        router.delete("/webhooks/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Webhooks:Delete")) { caller, _ in
                try await store.deleteWebhook(id, caller: caller)
            }
        }
        router.post("/webhooks/:id/ping") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Webhooks:Ping")) { caller, _ in
                await dispatcher.ping(try await store.pingTarget(id, caller: caller))
            }
        }
        router.get("/webhooks/:id/events") { request, context in
            let id = try context.parameters.require("id")
            let query = request.uri.queryParameters
            let (limit, token) = (query.get("limit"), query.get("paginationToken"))
            let (kind, failed) = (query.get("kind"), query.get("deliveryFailed"))
            return try await gateway.respond(request, context, .read("Webhooks:Events:Read")) { caller, _ in
                try await store.listWebhookEvents(
                    id, kind: kind, deliveryFailed: failed, page: PageRequest(limit: limit, paginationToken: token),
                    caller: caller)
            }
        }
        router.get("/webhooks/:id/events/:eventId") { request, context in
            let id = try context.parameters.require("id")
            let eventId = try context.parameters.require("eventId")
            return try await gateway.respond(request, context, .read("Webhooks:Events:Read")) { caller, _ in
                try await store.webhookEvent(id, eventId, caller: caller)
            }
        }
    }
}
