/// One page of a paginated list: `{items, nextPageToken?}`; there are more pages while `nextPageToken` is set.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    /// The items on this page.
    public var items: [Item]
    /// The token for the next page (query `paginationToken`), or nil on the last page.
    public var nextPageToken: String?

    /// Creates a page.
    public init(items: [Item], nextPageToken: String? = nil) {
        self.items = items
        self.nextPageToken = nextPageToken
    }
}

extension Page: Equatable where Item: Equatable {}
