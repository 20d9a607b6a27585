extension HTTPDfnsClient {
    /// `GET /auth/users`, every page.
    public func listUsers(kind: String?) async throws -> [User] {
        try await readAllPages("/auth/users", query: [("kind", kind)])
    }

    /// `GET /auth/users/{userId}`.
    public func getUser(id: String) async throws -> User {
        try await read("/auth/users/\(Self.segment(id))")
    }

    /// `PUT /auth/users/{userId}/activate`.
    public func activateUser(id: String) async throws -> MutationOutcome<User> {
        try await mutate(.put, "/auth/users/\(Self.segment(id))/activate")
    }

    /// `PUT /auth/users/{userId}/deactivate`.
    public func deactivateUser(id: String) async throws -> MutationOutcome<User> {
        try await mutate(.put, "/auth/users/\(Self.segment(id))/deactivate")
    }
}
