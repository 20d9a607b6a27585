extension HTTPDfnsClient {
    /// `GET /auth/pats`.
    public func listPersonalAccessTokens() async throws -> [PersonalAccessToken] {
        let list: ItemList<PersonalAccessToken> = try await read("/auth/pats")
        return list.items
    }

    /// `GET /auth/pats/{tokenId}`.
    public func getPersonalAccessToken(id: String) async throws -> PersonalAccessToken {
        try await read("/auth/pats/\(Self.segment(id))")
    }

    /// `POST /auth/pats`.
    public func createPersonalAccessToken(_ request: CreatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    {
        try await mutate(.post, "/auth/pats", body: request)
    }

    /// `PUT /auth/pats/{tokenId}`.
    public func updatePersonalAccessToken(id: String, _ request: UpdatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    {
        try await mutate(.put, "/auth/pats/\(Self.segment(id))", body: request)
    }

    /// `PUT /auth/pats/{tokenId}/activate`.
    public func activatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await mutate(.put, "/auth/pats/\(Self.segment(id))/activate")
    }

    /// `PUT /auth/pats/{tokenId}/deactivate`.
    public func deactivatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await mutate(.put, "/auth/pats/\(Self.segment(id))/deactivate")
    }

    /// `DELETE /auth/pats/{tokenId}`.
    public func deletePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await mutate(.delete, "/auth/pats/\(Self.segment(id))")
    }
}
