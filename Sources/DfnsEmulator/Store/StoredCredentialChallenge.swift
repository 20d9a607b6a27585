import Foundation

/// A credential-registration challenge from `/auth/credentials/init` or `/auth/credentials/code/init`.
struct StoredCredentialChallenge: Codable, Sendable, Equatable {
    var challengeIdentifier: String
    var challenge: String
    var orgId: String
    /// Whose credential list the new credential joins.
    var ownerId: String
    var kind: String
    /// The code this challenge was opened with, for the code flow.
    var code: String?
    var expiresAt: Date
}
