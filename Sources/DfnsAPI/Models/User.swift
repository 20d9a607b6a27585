/// A user (reference §9.1).
public struct User: Codable, Equatable, Sendable {
    /// The user id (`us-…`).
    public var userId: String
    /// The username.
    public var username: String
    /// The display name.
    public var name: String?
    /// `CustomerEmployee` or `EndUser`.
    public var kind: String
    /// One of the user's credentials.
    public var credentialUuid: String?
    /// The organisation id.
    public var orgId: String?
    /// Legacy permission names.
    public var permissions: [String]?
    /// Whether the user is active.
    public var isActive: Bool
    /// True for service accounts.
    public var isServiceAccount: Bool
    /// Whether the user finished registration.
    public var isRegistered: Bool
    /// Whether the user must log in through SSO.
    public var isSSORequired: Bool?
    /// The permissions assigned to the user.
    public var permissionAssignments: [PermissionAssignmentInfo]?

    /// Creates a value with every field given.
    public init(
        userId: String, username: String, name: String? = nil, kind: String, credentialUuid: String? = nil,
        orgId: String? = nil, permissions: [String]? = nil, isActive: Bool, isServiceAccount: Bool, isRegistered: Bool,
        isSSORequired: Bool? = nil, permissionAssignments: [PermissionAssignmentInfo]? = nil
    ) {
        self.userId = userId
        self.username = username
        self.name = name
        self.kind = kind
        self.credentialUuid = credentialUuid
        self.orgId = orgId
        self.permissions = permissions
        self.isActive = isActive
        self.isServiceAccount = isServiceAccount
        self.isRegistered = isRegistered
        self.isSSORequired = isSSORequired
        self.permissionAssignments = permissionAssignments
    }
}
