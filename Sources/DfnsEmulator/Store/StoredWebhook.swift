import Foundation

/// A webhook and its signing secret, which only the create response shows.
struct StoredWebhook: Codable, Sendable, Equatable {
    var id: String
    var orgId: String
    var url: String
    var events: [String]
    var status: String
    var description: String?
    var secret: String
    var dateCreated: Date
    var dateUpdated: Date
}
