import Foundation

/// A permission given to an identity (a user or service account id, or a token id).
struct StoredAssignment: Codable, Sendable, Equatable {
    var id: String
    var orgId: String
    var permissionId: String
    var identityId: String
    var isImmutable: Bool
    var dateCreated: Date
    var dateUpdated: Date
}
