/// `POST /permissions/{id}/assignments` request body.
public struct AssignPermissionRequest: Codable, Equatable, Sendable {
    /// The user, service account or token to assign the permission to.
    public var identityId: String

    /// Creates a value with every field given.
    public init(identityId: String) {
        self.identityId = identityId
    }
}
