import Foundation

/// A signed user action from `POST /auth/action`: single use, short-lived, bound to one call.
struct StoredUserActionToken: Codable, Sendable, Equatable {
    var token: String
    var orgId: String
    var userId: String
    var tokenId: String
    var credentialId: String
    var method: String
    var path: String
    var payload: String
    var expiresAt: Date
    var used: Bool
}
