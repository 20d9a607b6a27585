/// A permission assignment as embedded in a user or token (`permissionAssignments[]`).
public struct PermissionAssignmentInfo: Codable, Equatable, Sendable {
    /// The permission's name.
    public var permissionName: String
    /// The permission id (`pm-…`).
    public var permissionId: String
    /// The assignment id (`as-…`).
    public var assignmentId: String
    /// The operations the permission grants, when listed.
    public var operations: [String]?

    /// Creates a value with every field given.
    public init(permissionName: String, permissionId: String, assignmentId: String, operations: [String]? = nil) {
        self.permissionName = permissionName
        self.permissionId = permissionId
        self.assignmentId = assignmentId
        self.operations = operations
    }
}
