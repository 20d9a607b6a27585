extension ManifestDecoder {
    /// The longest webhook description Dfns accepts.
    static let maximumWebhookDescription = 256

    mutating func decodeWebhook(_ view: MappingView, _ metadata: ManifestMetadata) -> WebhookSpec {
        let url = webhookURL(view)
        let events = webhookEvents(view)
        let status = enumeration(view, "status", as: WebhookStatus.self) ?? .enabled
        let description = webhookDescription(view, metadata)
        var secret = WebhookSecretSpec()
        if let secretView = submapping(view, "secret", allowed: ["rotation", "store"]) {
            secret.rotation = decodeRotation(secretView, "rotation", allowsStrategy: false)
            secret.store = decodeStore(secretView, kind: .webhook, name: metadata.name)
        }
        return WebhookSpec(
            url: url ?? "",
            events: events,
            status: status,
            description: description,
            secret: secret,
            management: decodeManagement(view),
            protect: bool(view, "protect") ?? false,
            adopt: dfnsID(view, "adopt", prefix: "wh-", entity: "webhook")
        )
    }

    private mutating func webhookURL(_ view: MappingView) -> String? {
        guard let url = string(view, "url", required: true), let location = view.entry("url")?.value.location else {
            return nil
        }
        switch WebhookURL.check(url) {
        case .valid:
            return url
        case .insecure:
            report(
                .insecureURL,
                "webhook url \(Excerpt.quoted(url)) must use https",
                at: location,
                hint: "Dfns signs deliveries but does not encrypt them; plain http is allowed only for loopback "
                    + "addresses (localhost, 127.0.0.1, [::1])"
            )
        case .malformed:
            report(
                .invalidValue,
                "webhook url \(Excerpt.quoted(url)) is not an absolute https URL",
                at: location,
                hint: "write it as https://host/path, without spaces"
            )
        }
        return nil
    }

    private mutating func webhookEvents(_ view: MappingView) -> [String] {
        guard let items = stringList(view, "events", required: true, nonEmpty: true) else { return [] }
        var events: [String] = []
        for (event, location) in items {
            guard WebhookEventKind.isValid(event) else {
                let suggestion =
                    EditDistance.suggestion(for: event, among: WebhookEventKind.all).map { "did you mean '\($0)'? " }
                    ?? ""
                report(
                    .unknownEventKind,
                    "unknown webhook event kind \(Excerpt.quoted(event))",
                    at: location,
                    hint: "\(suggestion)valid kinds: \(WebhookEventKind.all.joined(separator: ", ")), or '*' for all"
                )
                continue
            }
            events.append(event)
        }
        if items.count > 1, let star = items.first(where: { $0.0 == WebhookEventKind.wildcard }) {
            report(
                .conflictingFields,
                "spec.events lists '*' together with other kinds",
                at: star.1,
                hint: "'*' already subscribes to every kind; list only '*', or only the kinds you need"
            )
        }
        return events
    }

    private mutating func webhookDescription(_ view: MappingView, _ metadata: ManifestMetadata) -> String? {
        guard let description = string(view, "description"), let location = view.entry("description")?.value.location
        else { return nil }
        let marked = OwnershipMarker(kind: .webhook, name: metadata.name).webhookDescription(description)
        if description.count > Self.maximumWebhookDescription {
            report(
                .invalidValue,
                "spec.description is \(description.count) characters; Dfns allows \(Self.maximumWebhookDescription)",
                at: location
            )
        } else if marked.count > Self.maximumWebhookDescription {
            report(
                .descriptionTooLong,
                "spec.description is too long once dfnsops appends its marker: \(marked.count) of "
                    + "\(Self.maximumWebhookDescription) characters",
                at: location,
                hint: "shorten it to \(Self.maximumWebhookDescription - (marked.count - description.count)) characters"
            )
        }
        return description
    }
}
