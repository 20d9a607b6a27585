import DfnsAPI
import Foundation

/// A service account or PAT as the diff sees it: one shape for both, so their rules are written once.
struct LivePrincipal: Sendable {
    /// A service account's `userId` or a PAT's `tokenId`.
    var id: String
    var name: String
    var isActive: Bool
    var externalId: String?
    /// Assigned permissions: id → name.
    var permissions: [String: String]
    /// Assignment ids by permission id, for revoking.
    var assignments: [String: String]
    /// The credential attached to the principal's token (its first generation).
    var tokenCredential: LiveCredential?
    var created: Date?

    /// A Key credential, with the fingerprint of its public key when the key can be read.
    struct LiveCredential: Sendable {
        var credentialId: String
        var credentialUuid: String?
        var name: String?
        var fingerprint: String?
        var isActive: Bool
        var created: Date
    }

    init(_ account: ServiceAccount) {
        id = account.userInfo.userId
        name = account.userInfo.name ?? account.userInfo.username
        isActive = account.userInfo.isActive
        externalId = account.userInfo.externalId ?? account.accessTokens.first?.externalId
        permissions = Self.permissions(account.userInfo.permissionAssignments ?? [])
        assignments = Self.assignments(account.userInfo.permissionAssignments ?? [])
        let token = account.accessTokens.first { $0.isActive } ?? account.accessTokens.first
        tokenCredential = token.map(Self.credential)
        created = account.accessTokens.compactMap(\.creationDate).min()
    }

    init(_ token: PersonalAccessToken) {
        id = token.tokenId
        name = token.name
        isActive = token.isActive
        externalId = token.externalId
        permissions = Self.permissions(token.permissionAssignments ?? [])
        assignments = Self.assignments(token.permissionAssignments ?? [])
        tokenCredential = Self.credential(token)
        created = token.creationDate
    }

    private static func permissions(_ assignments: [PermissionAssignmentInfo]) -> [String: String] {
        Dictionary(assignments.map { ($0.permissionId, $0.permissionName) }, uniquingKeysWith: { first, _ in first })
    }

    private static func assignments(_ assignments: [PermissionAssignmentInfo]) -> [String: String] {
        Dictionary(assignments.map { ($0.permissionId, $0.assignmentId) }, uniquingKeysWith: { first, _ in first })
    }

    private static func credential(_ token: AccessToken) -> LiveCredential {
        LiveCredential(
            credentialId: token.credId, credentialUuid: nil, name: nil,
            fingerprint: (try? PublicSigningKey(pem: token.publicKey))?.fingerprint, isActive: token.isActive,
            created: token.creationDate ?? .distantPast)
    }

    /// Converts a listed credential.
    static func credential(_ credential: Credential) -> LiveCredential {
        LiveCredential(
            credentialId: credential.credentialId, credentialUuid: credential.credentialUuid, name: credential.name,
            fingerprint: (try? PublicSigningKey(pem: credential.publicKey))?.fingerprint,
            isActive: credential.isActive, created: credential.creationDate ?? .distantPast)
    }

    /// The ownership marker this principal carries, if any.
    var marker: OwnershipMarker? { externalId.flatMap(OwnershipMarker.init(externalId:)) }
}
