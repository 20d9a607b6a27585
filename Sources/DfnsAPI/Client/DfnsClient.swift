/// The Dfns API operations dfnsops uses: reads return values, mutations return a ``MutationOutcome``
/// (a 202 is a pending approval, not an error).
///
/// Implementations sign every mutating call with a user action of the identity they act as. List methods
/// that the API paginates return every page. Failures throw ``DfnsAPIError``.
public protocol DfnsClient: Sendable {
    /// The same client acting as another principal (rotation signs as the principal being rotated).
    /// - Parameter identity: the token and signing credential to use from now on.
    func acting(as identity: DfnsIdentity) -> Self
    /// The same client with every mutating call first put to `gate` (nil removes the gate); copies made by
    /// ``acting(as:)`` keep it, so no step can escape it by switching identity.
    func gated(by gate: (any MutationGate)?) -> Self

    // MARK: User actions

    /// `POST /auth/action/init`: asks for a challenge that authorises one declared call.
    func initUserAction(_ request: UserActionInitRequest) async throws -> UserActionChallenge
    /// `POST /auth/action`: exchanges a signed challenge for a one-time `X-DFNS-USERACTION` token.
    func completeUserAction(_ request: UserActionCompleteRequest) async throws -> UserActionResponse

    // MARK: Service accounts

    /// `GET /auth/service-accounts`.
    func listServiceAccounts() async throws -> [ServiceAccount]
    /// `GET /auth/service-accounts/{id}`.
    func getServiceAccount(id: String) async throws -> ServiceAccount
    /// `POST /auth/service-accounts`; the response's `accessTokens[0].accessToken` is the only copy of the token.
    func createServiceAccount(_ request: CreateServiceAccountRequest) async throws -> MutationOutcome<ServiceAccount>
    /// `PUT /auth/service-accounts/{id}`.
    func updateServiceAccount(id: String, _ request: UpdateServiceAccountRequest) async throws
        -> MutationOutcome<ServiceAccount>
    /// `PUT /auth/service-accounts/{id}/activate`.
    func activateServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount>
    /// `PUT /auth/service-accounts/{id}/deactivate`; `force` bypasses the policy approver check (no body when nil).
    func deactivateServiceAccount(id: String, force: Bool?) async throws -> MutationOutcome<ServiceAccount>
    /// `DELETE /auth/service-accounts/{id}`.
    func deleteServiceAccount(id: String) async throws -> MutationOutcome<ServiceAccount>

    // MARK: Personal access tokens

    /// `GET /auth/pats`: the caller's PATs.
    func listPersonalAccessTokens() async throws -> [PersonalAccessToken]
    /// `GET /auth/pats/{tokenId}`.
    func getPersonalAccessToken(id: String) async throws -> PersonalAccessToken
    /// `POST /auth/pats`; the response's `accessToken` is the only copy of the token.
    func createPersonalAccessToken(_ request: CreatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    /// `PUT /auth/pats/{tokenId}`.
    func updatePersonalAccessToken(id: String, _ request: UpdatePersonalAccessTokenRequest) async throws
        -> MutationOutcome<PersonalAccessToken>
    /// `PUT /auth/pats/{tokenId}/activate`.
    func activatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken>
    /// `PUT /auth/pats/{tokenId}/deactivate`.
    func deactivatePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken>
    /// `DELETE /auth/pats/{tokenId}`.
    func deletePersonalAccessToken(id: String) async throws -> MutationOutcome<PersonalAccessToken>

    // MARK: Webhooks

    /// `GET /webhooks`, every page.
    func listWebhooks() async throws -> [Webhook]
    /// `GET /webhooks/{id}` (never includes the secret).
    func getWebhook(id: String) async throws -> Webhook
    /// `POST /webhooks`; the response's `secret` is the only copy of the secret.
    func createWebhook(_ request: CreateWebhookRequest) async throws -> MutationOutcome<Webhook>
    /// `PUT /webhooks/{id}`.
    func updateWebhook(id: String, _ request: UpdateWebhookRequest) async throws -> MutationOutcome<Webhook>
    /// `DELETE /webhooks/{id}`.
    func deleteWebhook(id: String) async throws -> MutationOutcome<DeleteWebhookResponse>
    /// `POST /webhooks/{id}/ping`: sends a test event and reports the receiver's answer.
    func pingWebhook(id: String) async throws -> MutationOutcome<PingWebhookResponse>
    /// `GET /webhooks/{id}/events`: one page; pass its `nextPageToken` in the next query.
    func listWebhookEvents(webhookId: String, query: WebhookEventQuery) async throws -> Page<WebhookEvent>
    /// `GET /webhooks/{id}/events/{eventId}`.
    func getWebhookEvent(webhookId: String, eventId: String) async throws -> WebhookEvent

    // MARK: Credentials

    /// `GET /auth/credentials`: the caller's credentials.
    func listCredentials() async throws -> [Credential]
    /// `POST /auth/credentials/init`: the challenge a new credential of `kind` must attest.
    func createCredentialChallenge(kind: String) async throws -> CredentialChallenge
    /// `POST /auth/credentials` for a Key credential, signed by an existing credential of the caller.
    func createKeyCredential(_ request: CreateKeyCredentialRequest) async throws -> MutationOutcome<Credential>
    /// `PUT /auth/credentials/activate`.
    func activateCredential(uuid: String) async throws -> MutationOutcome<MessageResponse>
    /// `PUT /auth/credentials/deactivate`.
    func deactivateCredential(uuid: String) async throws -> MutationOutcome<MessageResponse>
    /// `DELETE /auth/credentials/{credentialUuid}`.
    func deleteCredential(uuid: String) async throws -> MutationOutcome<EmptyResponse>
    /// `POST /auth/service-accounts/credentials`: adds a Key credential to the calling service account (reference §13).
    func createServiceAccountCredential(_ request: CreateServiceAccountCredentialRequest) async throws
        -> MutationOutcome<Credential>
    /// `DELETE /auth/service-accounts/credentials/{credentialUuid}`: deletes one of the calling service account's
    /// credentials.
    func deleteServiceAccountCredential(uuid: String) async throws -> MutationOutcome<EmptyResponse>

    // MARK: Users

    /// `GET /auth/users`, every page; `kind` filters by `CustomerEmployee` or `EndUser`.
    func listUsers(kind: String?) async throws -> [User]
    /// `GET /auth/users/{userId}`.
    func getUser(id: String) async throws -> User
    /// `PUT /auth/users/{userId}/activate`.
    func activateUser(id: String) async throws -> MutationOutcome<User>
    /// `PUT /auth/users/{userId}/deactivate`.
    func deactivateUser(id: String) async throws -> MutationOutcome<User>

    // MARK: Permissions

    /// `GET /permissions`, every page.
    func listPermissions() async throws -> [Permission]
    /// `GET /permissions/{id}`.
    func getPermission(id: String) async throws -> Permission
    /// `GET /permissions/{id}/assignments`, every page.
    func listPermissionAssignments(permissionId: String) async throws -> [PermissionAssignment]
    /// `POST /permissions/{id}/assignments`.
    func assignPermission(permissionId: String, identityId: String) async throws
        -> MutationOutcome<PermissionAssignment>
    /// `DELETE /permissions/{id}/assignments/{assignmentId}`.
    func revokePermission(permissionId: String, assignmentId: String) async throws -> MutationOutcome<EmptyResponse>

    // MARK: Policy approvals

    /// `GET /v2/policy-approvals`, every page (needs `Policies:Approvals:Read`); `status` filters (`Pending`, …).
    func listPolicyApprovals(status: String?) async throws -> [PolicyApproval]
}
