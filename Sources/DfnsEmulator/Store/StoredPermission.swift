import Foundation

/// A named set of operations that can be assigned to users, service accounts and tokens.
struct StoredPermission: Codable, Sendable, Equatable {
    var id: String
    var orgId: String
    var name: String
    var operations: [String]
    var isImmutable: Bool
    var isArchived: Bool
    var dateCreated: Date
    var dateUpdated: Date
}
