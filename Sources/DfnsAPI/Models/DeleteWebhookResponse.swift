/// `DELETE /webhooks/{id}` response.
public struct DeleteWebhookResponse: Codable, Equatable, Sendable {
    /// True when the webhook was deleted.
    public var deleted: Bool

    /// Creates a value with every field given.
    public init(deleted: Bool) {
        self.deleted = deleted
    }
}
