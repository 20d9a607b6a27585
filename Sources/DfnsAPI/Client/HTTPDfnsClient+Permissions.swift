extension HTTPDfnsClient {
    /// `GET /permissions`, every page.
    public func listPermissions() async throws -> [Permission] {
        try await readAllPages("/permissions")
    }

    /// `GET /permissions/{id}`.
    public func getPermission(id: String) async throws -> Permission {
        try await read("/permissions/\(Self.segment(id))")
    }

    /// `GET /permissions/{id}/assignments`, every page.
    public func listPermissionAssignments(permissionId: String) async throws -> [PermissionAssignment] {
        try await readAllPages("/permissions/\(Self.segment(permissionId))/assignments")
    }

    /// `POST /permissions/{id}/assignments`.
    public func assignPermission(permissionId: String, identityId: String) async throws
        -> MutationOutcome<PermissionAssignment>
    {
        try await mutate(
            .post, "/permissions/\(Self.segment(permissionId))/assignments",
            body: AssignPermissionRequest(identityId: identityId))
    }

    /// `DELETE /permissions/{id}/assignments/{assignmentId}` (no `force` query, which user actions may not cover).
    public func revokePermission(permissionId: String, assignmentId: String) async throws
        -> MutationOutcome<EmptyResponse>
    {
        try await mutate(
            .delete, "/permissions/\(Self.segment(permissionId))/assignments/\(Self.segment(assignmentId))")
    }
}
