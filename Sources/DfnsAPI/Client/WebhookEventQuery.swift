/// Filters and paging for `GET /webhooks/{id}/events`.
public struct WebhookEventQuery: Sendable, Equatable {
    /// Only events of this kind.
    public var kind: String?
    /// Only failed (true) or only successful (false) deliveries.
    public var deliveryFailed: Bool?
    /// The page size (at most 200).
    public var limit: Int?
    /// The `nextPageToken` of the previous page.
    public var paginationToken: String?

    /// Creates a query; every filter is optional.
    public init(kind: String? = nil, deliveryFailed: Bool? = nil, limit: Int? = nil, paginationToken: String? = nil) {
        self.kind = kind
        self.deliveryFailed = deliveryFailed
        self.limit = limit
        self.paginationToken = paginationToken
    }
}
