import DfnsAPI
import Foundation

/// Where and how to deliver one event to one webhook.
struct WebhookTarget: Sendable, Equatable {
    var webhookId: String
    var orgId: String
    var url: String
    var secret: String
}

extension EmulatorStore {
    private func validateURL(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty
        else { throw EmulatorError.badRequest("url must be an http or https URL, not '\(url)'") }
    }

    private func validateEvents(_ events: [String]) throws {
        guard !events.isEmpty else { throw EmulatorError.badRequest("events must list at least one event kind") }
        let unknown = events.filter { !WebhookEventKinds.all.contains($0) }
        guard unknown.isEmpty else {
            throw EmulatorError.badRequest(
                "unknown event kind(s): \(unknown.joined(separator: ", "))",
                details: .object(["events": .array(unknown.map(JSONValue.string))]))
        }
    }

    private func validateStatus(_ status: WebhookStatus?) throws {
        guard let status else { return }
        guard status == .enabled || status == .disabled else {
            throw EmulatorError.badRequest("status must be Enabled or Disabled, not '\(status.rawValue)'")
        }
    }

    private func validateDescription(_ description: String?) throws {
        guard let description else { return }
        guard description.count <= 256 else {
            throw EmulatorError.badRequest("description must be at most 256 characters")
        }
    }

    private func webhookIndex(_ id: String, caller: Caller) throws -> Int {
        guard let index = webhookIndex(id, in: caller.orgId) else { throw EmulatorError.notFound("webhook", id) }
        return index
    }

    /// `GET /webhooks`.
    func listWebhooks(page: PageRequest, caller: Caller) -> Page<Webhook> {
        page.page(of: state.webhooks.filter { $0.orgId == caller.orgId }.map { webhookModel($0) })
    }

    /// `GET /webhooks/{id}`: never shows the secret.
    func webhook(_ id: String, caller: Caller) throws -> Webhook {
        webhookModel(state.webhooks[try webhookIndex(id, caller: caller)])
    }

    /// `POST /webhooks`: the only response that carries `secret`.
    func createWebhook(_ request: CreateWebhookRequest, caller: Caller) throws -> Webhook {
        try validateURL(request.url)
        try validateEvents(request.events)
        try validateStatus(request.status)
        try validateDescription(request.description)
        let count = state.webhooks.filter { $0.orgId == caller.orgId }.count
        guard count < settings.webhookLimit else {
            throw EmulatorError.badRequest(
                "the organisation already has \(count) webhooks, the most it may have; delete one first",
                details: .object(["limit": .number(Double(settings.webhookLimit))]))
        }
        let webhook = StoredWebhook(
            id: EntityID.make("wh"), orgId: caller.orgId, url: request.url, events: request.events,
            status: (request.status ?? .enabled).rawValue, description: request.description,
            secret: "whs-" + EntityID.random(32), dateCreated: now, dateUpdated: now)
        state.webhooks.append(webhook)
        try commit()
        return webhookModel(webhook, includeSecret: true)
    }

    /// `PUT /webhooks/{id}`: a partial update; the secret never changes.
    func updateWebhook(_ id: String, _ request: UpdateWebhookRequest, caller: Caller) throws -> Webhook {
        let index = try webhookIndex(id, caller: caller)
        if let url = request.url { try validateURL(url) }
        if let events = request.events { try validateEvents(events) }
        try validateStatus(request.status)
        try validateDescription(request.description)
        if let url = request.url { state.webhooks[index].url = url }
        if let events = request.events { state.webhooks[index].events = events }
        if let status = request.status { state.webhooks[index].status = status.rawValue }
        if let description = request.description { state.webhooks[index].description = description }
        state.webhooks[index].dateUpdated = now
        try commit()
        return webhookModel(state.webhooks[index])
    }

    /// `DELETE /webhooks/{id}`.
    func deleteWebhook(_ id: String, caller: Caller) throws -> DeleteWebhookResponse {
        let index = try webhookIndex(id, caller: caller)
        state.webhooks.remove(at: index)
        try commit()
        return DeleteWebhookResponse(deleted: true)
    }

    /// The delivery target of `POST /webhooks/{id}/ping`.
    func pingTarget(_ id: String, caller: Caller) throws -> WebhookTarget {
        let webhook = state.webhooks[try webhookIndex(id, caller: caller)]
        return WebhookTarget(webhookId: webhook.id, orgId: webhook.orgId, url: webhook.url, secret: webhook.secret)
    }

    /// The enabled webhooks of an organisation subscribed to `kind`.
    func targets(for kind: String, orgId: String) -> [WebhookTarget] {
        state.webhooks.filter {
            $0.orgId == orgId && $0.status == WebhookStatus.enabled.rawValue
                && ($0.events.contains("*") || $0.events.contains(kind))
        }.map { WebhookTarget(webhookId: $0.id, orgId: $0.orgId, url: $0.url, secret: $0.secret) }
    }

    /// Records a delivery in the webhook's event history.
    func recordEvent(_ event: StoredWebhookEvent) throws {
        state.webhookEvents.append(event)
        try persist()
    }

    /// `GET /webhooks/{id}/events`, newest first.
    func listWebhookEvents(
        _ webhookId: String, kind: String?, deliveryFailed: String?, page: PageRequest, caller: Caller
    ) throws -> Page<WebhookEvent> {
        _ = try webhookIndex(webhookId, caller: caller)
        let failedFilter: Bool?
        switch deliveryFailed {
        case nil: failedFilter = nil
        case "true": failedFilter = true
        case "false": failedFilter = false
        case let other?: throw EmulatorError.badRequest("deliveryFailed must be true or false, not '\(other)'")
        }
        let events = state.webhookEvents.filter {
            $0.webhookId == webhookId && (kind == nil || $0.kind == kind)
                && (failedFilter == nil || $0.deliveryFailed == failedFilter)
        }
        return page.page(of: events.reversed().map(webhookEventModel))
    }

    /// `GET /webhooks/{id}/events/{eventId}`.
    func webhookEvent(_ webhookId: String, _ eventId: String, caller: Caller) throws -> WebhookEvent {
        _ = try webhookIndex(webhookId, caller: caller)
        guard let event = state.webhookEvents.first(where: { $0.webhookId == webhookId && $0.id == eventId }) else {
            throw EmulatorError.notFound("webhook event", eventId)
        }
        return webhookEventModel(event)
    }
}
