/// The user half of a service account (`userInfo`, reference §5.1).
public struct UserInfo: Codable, Equatable, Sendable {
    /// The user id (`us-…`), which is also the service account id.
    public var userId: String
    /// The username.
    public var username: String
    /// The display name.
    public var name: String?
    /// `CustomerEmployee` or `EndUser`.
    public var kind: String
    /// One of the user's credentials (meaning unconfirmed, reference §4.2).
    public var credentialUuid: String?
    /// The organisation id.
    public var orgId: String?
    /// The account id (`acct-…`), seen in some 2026 examples only.
    public var accountId: String?
    /// The caller's correlation label (dfnsops puts its ownership marker here), when returned.
    public var externalId: String?
    /// Legacy permission names, when present.
    public var permissions: [String]?
    /// Whether the user is active.
    public var isActive: Bool
    /// True for service accounts.
    public var isServiceAccount: Bool
    /// Whether the user finished registration.
    public var isRegistered: Bool
    /// The permissions assigned to the user.
    public var permissionAssignments: [PermissionAssignmentInfo]?

    /// Creates a value with every field given.
    public init(
        userId: String, username: String, name: String? = nil, kind: String, credentialUuid: String? = nil,
        orgId: String? = nil, accountId: String? = nil, externalId: String? = nil, permissions: [String]? = nil,
        isActive: Bool, isServiceAccount: Bool, isRegistered: Bool,
        permissionAssignments: [PermissionAssignmentInfo]? = nil
    ) {
        self.userId = userId
        self.username = username
        self.name = name
        self.kind = kind
        self.credentialUuid = credentialUuid
        self.orgId = orgId
        self.accountId = accountId
        self.externalId = externalId
        self.permissions = permissions
        self.isActive = isActive
        self.isServiceAccount = isServiceAccount
        self.isRegistered = isRegistered
        self.permissionAssignments = permissionAssignments
    }
}
