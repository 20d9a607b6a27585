import Foundation

/// An access token: a PAT (reference §6) or a service account's token (`accessTokens[]`, reference §5.1).
public struct AccessToken: Codable, Equatable, Sendable {
    /// The token itself: present only in the create response, and never again.
    public var accessToken: String?
    /// The token id (`to-…`).
    public var tokenId: String
    /// The id of the token's signing credential.
    public var credId: String
    /// The public key (PEM) of the token's signing credential.
    public var publicKey: String
    /// Whether the token is active.
    public var isActive: Bool
    /// When the token was made (ISO-8601).
    public var dateCreated: String
    /// `Pat`, `ServiceAccount`, `Token`, `Code`, `Recovery`, `Temp` or `Application`.
    public var kind: String
    /// The user the token acts for (`us-…`).
    public var linkedUserId: String?
    /// The (deprecated) application the token is linked to.
    public var linkedAppId: String?
    /// The token's name.
    public var name: String
    /// The organisation id.
    public var orgId: String?
    /// The caller's correlation label (dfnsops puts its ownership marker here), when returned.
    public var externalId: String?
    /// The permissions assigned to the token.
    public var permissionAssignments: [PermissionAssignmentInfo]?

    /// Creates a value with every field given.
    public init(
        accessToken: String? = nil, tokenId: String, credId: String, publicKey: String, isActive: Bool,
        dateCreated: String, kind: String, linkedUserId: String? = nil, linkedAppId: String? = nil, name: String,
        orgId: String? = nil, externalId: String? = nil, permissionAssignments: [PermissionAssignmentInfo]? = nil
    ) {
        self.accessToken = accessToken
        self.tokenId = tokenId
        self.credId = credId
        self.publicKey = publicKey
        self.isActive = isActive
        self.dateCreated = dateCreated
        self.kind = kind
        self.linkedUserId = linkedUserId
        self.linkedAppId = linkedAppId
        self.name = name
        self.orgId = orgId
        self.externalId = externalId
        self.permissionAssignments = permissionAssignments
    }

    /// `dateCreated` parsed as a date; nil when it is not ISO-8601.
    public var creationDate: Date? { DfnsDate.parse(dateCreated) }
}

/// A personal access token (reference §6): the same shape as an access token.
public typealias PersonalAccessToken = AccessToken

/// Short name for ``PersonalAccessToken``.
public typealias PAT = AccessToken
