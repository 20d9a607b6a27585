import DfnsAPI
import Foundation

/// The `limit` and `paginationToken` of a paginated list, checked as Dfns checks them.
struct PageRequest: Sendable, Equatable {
    /// The page size when the caller gives none.
    static let defaultLimit = 100
    /// The largest page size Dfns allows.
    static let maximumLimit = 200

    var limit: Int
    var offset: Int

    /// Reads `limit` and `paginationToken` from the query.
    /// - Throws: `EmulatorError` 400 for a limit outside 1…200 or a token this emulator did not issue.
    init(limit: String?, paginationToken: String?) throws {
        if let limit {
            guard let value = Int(limit), value >= 1, value <= Self.maximumLimit else {
                throw EmulatorError.badRequest(
                    "limit must be an integer from 1 to \(Self.maximumLimit), not '\(limit)'",
                    details: .object(["limit": .string(limit)]))
            }
            self.limit = value
        } else {
            self.limit = Self.defaultLimit
        }
        if let paginationToken, !paginationToken.isEmpty {
            guard let bytes = Base64URL.decode(paginationToken),
                let text = String(data: bytes, encoding: .utf8), text.hasPrefix("offset:"),
                let value = Int(text.dropFirst("offset:".count)), value >= 0
            else {
                throw EmulatorError.badRequest("paginationToken is not one this API issued; start from the first page")
            }
            offset = value
        } else {
            offset = 0
        }
    }

    /// The page of `items` this request asks for, with a `nextPageToken` when more remain.
    func page<Item: Codable & Sendable>(of items: [Item]) -> Page<Item> {
        let start = min(offset, items.count)
        let end = min(start + limit, items.count)
        let next = end < items.count ? Base64URL.encode(Data("offset:\(end)".utf8)) : nil
        return Page(items: Array(items[start..<end]), nextPageToken: next)
    }
}
