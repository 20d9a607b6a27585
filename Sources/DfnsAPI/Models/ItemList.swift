/// An unpaginated list: `{items}` (credentials, PATs, service accounts).
public struct ItemList<Item: Codable & Sendable>: Codable, Sendable {
    /// The items.
    public var items: [Item]

    /// Creates a list.
    public init(items: [Item]) {
        self.items = items
    }
}

extension ItemList: Equatable where Item: Equatable {}
