import Foundation

/// A one-time code from `POST /auth/credentials/code` that lets another device register a credential.
struct StoredCredentialCode: Codable, Sendable, Equatable {
    var code: String
    var orgId: String
    var ownerId: String
    var expiresAt: Date
    var used: Bool
}
