import Foundation

/// A user of an organisation: a person (`CustomerEmployee`, `EndUser`) or a service account.
struct StoredUser: Codable, Sendable, Equatable {
    var userId: String
    var orgId: String
    var username: String
    var name: String
    var kind: String
    var isActive: Bool
    var isServiceAccount: Bool
    var isRegistered: Bool
    var isSSORequired: Bool
    var externalId: String?
    /// The user's first credential, as `User.credentialUuid` shows it.
    var credentialUuid: String?
    var dateCreated: Date
}
