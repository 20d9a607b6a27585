import Foundation

/// A webhook event as `GET /webhooks/{id}/events` lists it (reference §7.4).
public struct WebhookEvent: Codable, Equatable, Sendable {
    /// The event id (`whe-…`).
    public var id: String
    /// The event kind.
    public var kind: String
    /// When the event happened (ISO-8601).
    public var date: String
    /// The kind-specific data.
    public var data: JSONValue
    /// The receiver's response code, as a string.
    public var status: String?
    /// Why delivery failed, when it did.
    public var error: String?
    /// When it was sent (Unix seconds).
    public var timestampSent: Int?
    /// The attempt number, from 1.
    public var deliveryAttempt: Int?
    /// The event this attempt retries.
    public var retryOf: String?

    /// Creates a value with every field given.
    public init(
        id: String, kind: String, date: String, data: JSONValue, status: String? = nil, error: String? = nil,
        timestampSent: Int? = nil, deliveryAttempt: Int? = nil, retryOf: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.date = date
        self.data = data
        self.status = status
        self.error = error
        self.timestampSent = timestampSent
        self.deliveryAttempt = deliveryAttempt
        self.retryOf = retryOf
    }

    /// `date` parsed as a date; nil when it is not ISO-8601.
    public var eventDate: Date? { DfnsDate.parse(date) }
}
