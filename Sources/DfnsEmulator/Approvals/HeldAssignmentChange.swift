/// A held call that assigns or revokes a permission: what `GET /v2/policy-approvals` lists as a `Permissions:Assign`
/// activity with an `Assignment` change request.
public struct HeldAssignmentChange: Codable, Sendable, Equatable {
    /// `Create` (assign) or `Delete` (revoke).
    public var operationKind: String
    /// The permission.
    public var permissionId: String
    /// The user, service account or token it is assigned to.
    public var identityId: String
    /// The assignment a revocation removes; nil for an assignment, which does not exist yet.
    public var assignmentId: String?

    /// Creates a description.
    public init(operationKind: String, permissionId: String, identityId: String, assignmentId: String? = nil) {
        self.operationKind = operationKind
        self.permissionId = permissionId
        self.identityId = identityId
        self.assignmentId = assignmentId
    }
}
