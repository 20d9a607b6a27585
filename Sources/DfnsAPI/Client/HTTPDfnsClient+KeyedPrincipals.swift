/// The REST resource of a keyed principal. Service accounts and personal access tokens are the same concept to the
/// API: list, get, create, update, activate, deactivate and delete on one collection path, so the client builds
/// both kinds' calls from this one description.
struct KeyedPrincipalResource<Model: Codable & Sendable>: Sendable {
    /// The collection path, e.g. `/auth/pats`.
    let path: String

    /// The path of one item of the collection.
    func item(_ id: String, _ action: String? = nil) -> String {
        let item = "\(path)/\(HTTPDfnsClient.segment(id))"
        return action.map { "\(item)/\($0)" } ?? item
    }
}

extension KeyedPrincipalResource where Model == PersonalAccessToken {
    /// `/auth/pats`.
    static var personalAccessTokens: Self { Self(path: "/auth/pats") }
}

extension KeyedPrincipalResource where Model == ServiceAccount {
    /// `/auth/service-accounts`.
    static var serviceAccounts: Self { Self(path: "/auth/service-accounts") }
}

extension HTTPDfnsClient {
    /// `GET {collection}`: every item (the API does not paginate these lists).
    func list<Model>(_ resource: KeyedPrincipalResource<Model>) async throws -> [Model] {
        let list: ItemList<Model> = try await read(resource.path)
        return list.items
    }

    /// `GET {collection}/{id}`.
    func get<Model>(_ resource: KeyedPrincipalResource<Model>, id: String) async throws -> Model {
        try await read(resource.item(id))
    }

    /// `POST {collection}`.
    func create<Model>(_ resource: KeyedPrincipalResource<Model>, _ request: some Encodable) async throws
        -> MutationOutcome<Model>
    {
        try await mutate(.post, resource.path, body: request)
    }

    /// `PUT {collection}/{id}`.
    func update<Model>(_ resource: KeyedPrincipalResource<Model>, id: String, _ request: some Encodable) async throws
        -> MutationOutcome<Model>
    {
        try await mutate(.put, resource.item(id), body: request)
    }

    /// `PUT {collection}/{id}/activate` or `/deactivate`, with no body.
    func setActive<Model>(_ resource: KeyedPrincipalResource<Model>, id: String, _ active: Bool) async throws
        -> MutationOutcome<Model>
    {
        try await mutate(.put, resource.item(id, active ? "activate" : "deactivate"))
    }

    /// `DELETE {collection}/{id}` (no body, no query).
    func delete<Model>(_ resource: KeyedPrincipalResource<Model>, id: String) async throws -> MutationOutcome<Model> {
        try await mutate(.delete, resource.item(id))
    }
}

// MARK: The two kinds, verb by verb

extension HTTPDfnsClient {
    /// `GET /auth/service-accounts`.
    public func listServiceAccounts() async throws -> [ServiceAccount] {
        try await list(.serviceAccounts)
    }

    /// `GET /auth/pats`.
    public func listPersonalAccessTokens() async throws -> [PersonalAccessToken] {
        try await list(.personalAccessTokens)
    }

    /// `GET /auth/service-accounts/{id}`.
    public func getServiceAccount(id: String) async throws -> ServiceAccount {
        try await get(.serviceAccounts, id: id)
    }

    /// `GET /auth/pats/{tokenId}`.
    public func getPersonalAccessToken(id: String) async throws -> PersonalAccessToken {
        try await get(.personalAccessTokens, id: id)
    }

    /// `POST /auth/service-accounts`.
    public func createServiceAccount(_ request: CreateServiceAccountRequest) async throws
        -> MutationOutcome<ServiceAccount>
    {
        try await create(.serviceAccounts, request)
    }

    /// `POST /auth/pats`.
    public func createPersonalAccessToken(_ request: CreatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    {
        try await create(.personalAccessTokens, request)
    }

    /// `PUT /auth/service-accounts/{id}`.
    public func updateServiceAccount(id: String, _ request: UpdateServiceAccountRequest) async throws
        -> MutationOutcome<ServiceAccount>
    {
        try await update(.serviceAccounts, id: id, request)
    }

    /// `PUT /auth/pats/{tokenId}`.
    public func updatePersonalAccessToken(id: String, _ request: UpdatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    {
        try await update(.personalAccessTokens, id: id, request)
    }

    /// `PUT /auth/service-accounts/{id}/activate` (no body).
    public func activateServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount> {
        try await setActive(.serviceAccounts, id: id, true)
    }

    /// `PUT /auth/pats/{tokenId}/activate`.
    public func activatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await setActive(.personalAccessTokens, id: id, true)
    }

    /// `PUT /auth/service-accounts/{id}/deactivate`, with `{"force":…}` only when `force` is given.
    public func deactivateServiceAccount(id: String, force: Bool?) async throws -> MutationOutcome<ServiceAccount> {
        guard let force else { return try await setActive(.serviceAccounts, id: id, false) }
        return try await mutate(
            .put, KeyedPrincipalResource<ServiceAccount>.serviceAccounts.item(id, "deactivate"),
            body: DeactivateServiceAccountRequest(force: force))
    }

    /// `PUT /auth/pats/{tokenId}/deactivate`.
    public func deactivatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await setActive(.personalAccessTokens, id: id, false)
    }

    /// `DELETE /auth/service-accounts/{id}` (no body, no query).
    public func deleteServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount> {
        try await delete(.serviceAccounts, id: id)
    }

    /// `DELETE /auth/pats/{tokenId}`.
    public func deletePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken> {
        try await delete(.personalAccessTokens, id: id)
    }
}
