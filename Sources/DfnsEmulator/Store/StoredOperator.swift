import Foundation

/// The bootstrapped operator of an organisation, kept so that a restarted emulator can hand out the same identity.
struct StoredOperator: Codable, Sendable, Equatable {
    var orgId: String
    var userId: String
    var tokenId: String
    var authToken: String
    var credentialId: String
    var privateKeyPEM: String
}
