extension HTTPDfnsClient {
    /// `POST /auth/action/init`; retried when transient.
    public func initUserAction(_ request: UserActionInitRequest) async throws -> UserActionChallenge {
        try await call(.post, "/auth/action/init", body: Self.encodeBody(request), retrying: true)
    }

    /// `POST /auth/action`; retried when transient.
    public func completeUserAction(_ request: UserActionCompleteRequest) async throws -> UserActionResponse {
        try await call(.post, "/auth/action", body: Self.encodeBody(request), retrying: true)
    }
}
