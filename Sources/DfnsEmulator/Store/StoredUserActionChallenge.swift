import Foundation

/// A user-action challenge from `POST /auth/action/init`, waiting to be signed.
struct StoredUserActionChallenge: Codable, Sendable, Equatable {
    var challengeIdentifier: String
    var challenge: String
    var orgId: String
    var userId: String
    var tokenId: String
    var method: String
    var path: String
    var payload: String
    var expiresAt: Date
}
