/// `POST /webhooks` request body.
public struct CreateWebhookRequest: Codable, Equatable, Sendable {
    /// Where events are delivered.
    public var url: String
    /// The event kinds to subscribe to (at least one), or `*`.
    public var events: [String]
    /// `Enabled` (the default) or `Disabled`.
    public var status: WebhookStatus?
    /// Free text up to 256 characters.
    public var description: String?

    /// Creates a value with every field given.
    public init(url: String, events: [String], status: WebhookStatus? = nil, description: String? = nil) {
        self.url = url
        self.events = events
        self.status = status
        self.description = description
    }
}
