import Foundation

/// A Key credential: a registered public key that signs user actions for its owner.
struct StoredCredential: Codable, Sendable, Equatable {
    var credentialUuid: String
    /// The id the signer uses (`credId`), unique in the emulator.
    var credentialId: String
    /// The user id (people, service accounts) or token id (PATs) whose user actions this credential signs.
    var ownerId: String
    var orgId: String
    var kind: String
    var name: String
    var publicKeyPEM: String
    var isActive: Bool
    var dateCreated: Date
    var relyingPartyId: String
    var origin: String
}
