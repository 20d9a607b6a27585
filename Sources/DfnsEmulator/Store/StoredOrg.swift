import Foundation

/// An organisation: everything else belongs to exactly one, and callers see only their own.
struct StoredOrg: Codable, Sendable, Equatable {
    var id: String
    var name: String
    var dateCreated: Date
}
