extension HTTPDfnsClient {
    /// `GET /auth/service-accounts`.
    public func listServiceAccounts() async throws -> [ServiceAccount] {
        let list: ItemList<ServiceAccount> = try await read("/auth/service-accounts")
        return list.items
    }

    /// `GET /auth/service-accounts/{id}`.
    public func getServiceAccount(id: String) async throws -> ServiceAccount {
        try await read("/auth/service-accounts/\(Self.segment(id))")
    }

    /// `POST /auth/service-accounts`.
    public func createServiceAccount(_ request: CreateServiceAccountRequest) async throws
        -> MutationOutcome<ServiceAccount>
    {
        try await mutate(.post, "/auth/service-accounts", body: request)
    }

    /// `PUT /auth/service-accounts/{id}`.
    public func updateServiceAccount(id: String, _ request: UpdateServiceAccountRequest) async throws
        -> MutationOutcome<ServiceAccount>
    {
        try await mutate(.put, "/auth/service-accounts/\(Self.segment(id))", body: request)
    }

    /// `PUT /auth/service-accounts/{id}/activate` (no body).
    public func activateServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount> {
        try await mutate(.put, "/auth/service-accounts/\(Self.segment(id))/activate")
    }

    /// `PUT /auth/service-accounts/{id}/deactivate`, with `{"force":…}` only when `force` is given.
    public func deactivateServiceAccount(id: String, force: Bool?) async throws -> MutationOutcome<ServiceAccount> {
        let path = "/auth/service-accounts/\(Self.segment(id))/deactivate"
        guard let force else { return try await mutate(.put, path) }
        return try await mutate(.put, path, body: DeactivateServiceAccountRequest(force: force))
    }

    /// `DELETE /auth/service-accounts/{id}` (no body, no query).
    public func deleteServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount> {
        try await mutate(.delete, "/auth/service-accounts/\(Self.segment(id))")
    }
}
