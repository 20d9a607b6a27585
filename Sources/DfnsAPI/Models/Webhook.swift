import Foundation

/// A webhook (reference §7.1); `secret` is present only in the create response.
public struct Webhook: Codable, Equatable, Sendable {
    /// The webhook id (`wh-…`).
    public var id: String
    /// Where events are delivered.
    public var url: String
    /// The subscribed event kinds, or `*`; compare as a set.
    public var events: [String]
    /// `Enabled` or `Disabled`.
    public var status: WebhookStatus
    /// Free text up to 256 characters (dfnsops appends its ownership marker).
    public var description: String?
    /// When it was made (ISO-8601).
    public var dateCreated: String
    /// When it last changed (ISO-8601).
    public var dateUpdated: String
    /// The HMAC secret: only in the `POST /webhooks` response, and never again.
    public var secret: String?

    /// Creates a value with every field given.
    public init(
        id: String, url: String, events: [String], status: WebhookStatus, description: String? = nil,
        dateCreated: String, dateUpdated: String, secret: String? = nil
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.status = status
        self.description = description
        self.dateCreated = dateCreated
        self.dateUpdated = dateUpdated
        self.secret = secret
    }

    /// `dateCreated` parsed as a date; nil when it is not ISO-8601.
    public var creationDate: Date? { DfnsDate.parse(dateCreated) }

    /// `dateUpdated` parsed as a date; nil when it is not ISO-8601.
    public var updateDate: Date? { DfnsDate.parse(dateUpdated) }
}
