/// `PUT /webhooks/{id}` request body; nil fields are left unchanged.
public struct UpdateWebhookRequest: Codable, Equatable, Sendable {
    /// A new URL.
    public var url: String?
    /// New event kinds (at least one).
    public var events: [String]?
    /// A new status.
    public var status: WebhookStatus?
    /// A new description.
    public var description: String?

    /// Creates a value with every field given.
    public init(url: String? = nil, events: [String]? = nil, status: WebhookStatus? = nil, description: String? = nil) {
        self.url = url
        self.events = events
        self.status = status
        self.description = description
    }
}
