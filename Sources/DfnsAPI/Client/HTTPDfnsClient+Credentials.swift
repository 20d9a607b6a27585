extension HTTPDfnsClient {
    /// `GET /auth/credentials`.
    public func listCredentials() async throws -> [Credential] {
        let list: ItemList<Credential> = try await read("/auth/credentials")
        mutationGate?.learn(list.items)
        return list.items
    }

    /// `POST /auth/credentials/init`; needs no user action and is retried when transient (a retry only makes a
    /// fresh challenge).
    public func createCredentialChallenge(kind: String) async throws -> CredentialChallenge {
        try await call(
            .post, "/auth/credentials/init", body: Self.encodeBody(CredentialChallengeRequest(kind: kind)),
            retrying: true)
    }

    /// `POST /auth/credentials`.
    public func createKeyCredential(_ request: CreateKeyCredentialRequest) async throws -> MutationOutcome<Credential> {
        try await mutate(.post, "/auth/credentials", body: request)
    }

    /// `PUT /auth/credentials/activate`.
    public func activateCredential(uuid: String) async throws -> MutationOutcome<MessageResponse> {
        try await mutate(.put, "/auth/credentials/activate", body: CredentialUuidRequest(credentialUuid: uuid))
    }

    /// `PUT /auth/credentials/deactivate`.
    public func deactivateCredential(uuid: String) async throws -> MutationOutcome<MessageResponse> {
        try await mutate(.put, "/auth/credentials/deactivate", body: CredentialUuidRequest(credentialUuid: uuid))
    }

    /// `DELETE /auth/credentials/{credentialUuid}`.
    public func deleteCredential(uuid: String) async throws -> MutationOutcome<EmptyResponse> {
        try await mutate(.delete, "/auth/credentials/\(Self.segment(uuid))")
    }

    /// `POST /auth/service-accounts/credentials`.
    public func createServiceAccountCredential(_ request: CreateServiceAccountCredentialRequest) async throws
        -> MutationOutcome<Credential>
    {
        try await mutate(.post, "/auth/service-accounts/credentials", body: request)
    }

    /// `DELETE /auth/service-accounts/credentials/{credentialUuid}`.
    public func deleteServiceAccountCredential(uuid: String) async throws -> MutationOutcome<EmptyResponse> {
        try await mutate(.delete, "/auth/service-accounts/credentials/\(Self.segment(uuid))")
    }
}
