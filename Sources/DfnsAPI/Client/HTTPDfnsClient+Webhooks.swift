extension HTTPDfnsClient {
    /// `GET /webhooks`, every page.
    public func listWebhooks() async throws -> [Webhook] {
        try await readAllPages("/webhooks")
    }

    /// `GET /webhooks/{id}`.
    public func getWebhook(id: String) async throws -> Webhook {
        try await read("/webhooks/\(Self.segment(id))")
    }

    /// `POST /webhooks`.
    public func createWebhook(_ request: CreateWebhookRequest) async throws -> MutationOutcome<Webhook> {
        try await mutate(.post, "/webhooks", body: request)
    }

    /// `PUT /webhooks/{id}`.
    public func updateWebhook(id: String, _ request: UpdateWebhookRequest) async throws -> MutationOutcome<Webhook> {
        try await mutate(.put, "/webhooks/\(Self.segment(id))", body: request)
    }

    /// `DELETE /webhooks/{id}`.
    public func deleteWebhook(id: String) async throws -> MutationOutcome<DeleteWebhookResponse> {
        try await mutate(.delete, "/webhooks/\(Self.segment(id))")
    }

    /// `POST /webhooks/{id}/ping` (no body).
    public func pingWebhook(id: String) async throws -> MutationOutcome<PingWebhookResponse> {
        try await mutate(.post, "/webhooks/\(Self.segment(id))/ping")
    }

    /// `GET /webhooks/{id}/events`, one page.
    public func listWebhookEvents(webhookId: String, query: WebhookEventQuery) async throws -> Page<WebhookEvent> {
        try await read(
            "/webhooks/\(Self.segment(webhookId))/events",
            query: [
                ("kind", query.kind),
                ("deliveryFailed", query.deliveryFailed.map { $0 ? "true" : "false" }),
                ("limit", query.limit.map(String.init)),
                ("paginationToken", query.paginationToken),
            ])
    }

    /// `GET /webhooks/{id}/events/{eventId}`.
    public func getWebhookEvent(webhookId: String, eventId: String) async throws -> WebhookEvent {
        try await read("/webhooks/\(Self.segment(webhookId))/events/\(Self.segment(eventId))")
    }
}
