/// `POST /webhooks/{id}/ping` response: what the receiver answered.
public struct PingWebhookResponse: Codable, Equatable, Sendable {
    /// The receiver's HTTP status as a string (e.g. `200`), or an error code.
    public var status: String
    /// Why the delivery failed, when it did.
    public var error: String?

    /// Creates a value with every field given.
    public init(status: String, error: String? = nil) {
        self.status = status
        self.error = error
    }
}
