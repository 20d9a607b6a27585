/// `POST /auth/credentials/code/init` request body (no authentication).
public struct CredentialCodeInitRequest: Codable, Equatable, Sendable {
    /// The one-time code from `POST /auth/credentials/code`.
    public var code: String
    /// The kind of credential to create.
    public var credentialKind: String
}
