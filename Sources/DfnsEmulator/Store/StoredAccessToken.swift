import Foundation

/// A bearer token the emulator issued: a login token, a service-account token or a PAT.
struct StoredAccessToken: Codable, Sendable, Equatable {
    /// What a token is for.
    enum Kind: String, Codable, Sendable {
        case login = "Temp"
        case serviceAccount = "ServiceAccount"
        case pat = "Pat"
    }

    var tokenId: String
    var orgId: String
    var kind: Kind
    var linkedUserId: String
    var name: String
    var externalId: String?
    /// The credential created with the token (service accounts and PATs).
    var credentialUuid: String?
    var permissionId: String?
    var isActive: Bool
    var dateCreated: Date
    var expiresAt: Date

    /// Takes the new name and externalId of an update; nil leaves a field as it is.
    mutating func rename(to newName: String?, externalId newExternalId: String?) {
        if let newName { name = newName }
        if let newExternalId { externalId = newExternalId }
    }
}
