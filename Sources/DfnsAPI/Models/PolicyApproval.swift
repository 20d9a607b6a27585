/// An approval of the Dfns policy engine (`GET /v2/policy-approvals`): an activity a policy holds until approvers
/// decide. Read leniently: only the fields dfnsops uses are typed; an activity of another kind (`Wallets:Sign`, …)
/// decodes with no `changeRequest`.
public struct PolicyApproval: Codable, Equatable, Sendable {
    /// The held activity.
    public struct Activity: Codable, Equatable, Sendable {
        /// `Permissions:Assign` (assigning or revoking a permission), `Permissions:Modify`, `Policies:Modify`,
        /// `Wallets:Sign`, …
        public var kind: String
        /// The held change, for the `Permissions:*` and `Policies:*` kinds.
        public var changeRequest: ChangeRequest?

        /// Creates an activity.
        public init(kind: String, changeRequest: ChangeRequest? = nil) {
            self.kind = kind
            self.changeRequest = changeRequest
        }
    }

    /// A change held for approval.
    public struct ChangeRequest: Codable, Equatable, Sendable {
        /// The change request's id.
        public var id: String
        /// `Pending`, `Applied`, `Failed` or `Rejected`.
        public var status: String
        /// `Assignment`, `Permission` or `Policy`.
        public var kind: String
        /// `Create` or `Delete` for an assignment, `Update` for a permission.
        public var operationKind: String
        /// The object as it would be after the change; for an assignment `{id, permissionId, identityId, isImmutable}`.
        public var body: JSONValue?

        /// Creates a change request.
        public init(id: String, status: String, kind: String, operationKind: String, body: JSONValue?) {
            self.id = id
            self.status = status
            self.kind = kind
            self.operationKind = operationKind
            self.body = body
        }
    }

    /// The approval's id.
    public var id: String
    /// Who started the activity.
    public var initiatorId: String
    /// `Pending`, `Approved`, `Denied` or `Expired`.
    public var status: String
    /// What is held.
    public var activity: Activity
    /// When the activity was held (ISO-8601).
    public var dateCreated: String?

    /// Creates an approval.
    public init(id: String, initiatorId: String, status: String, activity: Activity, dateCreated: String? = nil) {
        self.id = id
        self.initiatorId = initiatorId
        self.status = status
        self.activity = activity
        self.dateCreated = dateCreated
    }

    /// Whether it still waits for a decision.
    public var isPending: Bool { status == "Pending" }

    /// For a held assignment or revocation of a permission: whether it would make `operationKind` (`Create` or
    /// `Delete`) of `permissionId` for `identityId`.
    public func holdsAssignment(_ operationKind: String, permissionId: String, identityId: String) -> Bool {
        guard activity.kind == "Permissions:Assign", let change = activity.changeRequest,
            change.kind == "Assignment", change.operationKind == operationKind
        else { return false }
        return change.body?["permissionId"]?.stringValue == permissionId
            && change.body?["identityId"]?.stringValue == identityId
    }
}
