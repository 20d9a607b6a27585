/// The JSON body Dfns POSTs to a webhook receiver (reference §7.4).
public struct WebhookDeliveryPayload: Codable, Equatable, Sendable {
    /// The event id (`whe-…`); each retry has a new one.
    public var id: String
    /// The event kind.
    public var kind: String
    /// When the event happened (ISO-8601).
    public var date: String
    /// The kind-specific data.
    public var data: JSONValue
    /// The attempt number, from 1.
    public var deliveryAttempt: Int
    /// The event id of the previous attempt.
    public var retryOf: String?
    /// When this attempt was sent (Unix seconds); receivers reject it 300 s later.
    public var timestampSent: Int

    /// Creates a value with every field given.
    public init(
        id: String, kind: String, date: String, data: JSONValue, deliveryAttempt: Int, retryOf: String? = nil,
        timestampSent: Int
    ) {
        self.id = id
        self.kind = kind
        self.date = date
        self.data = data
        self.deliveryAttempt = deliveryAttempt
        self.retryOf = retryOf
        self.timestampSent = timestampSent
    }
}
