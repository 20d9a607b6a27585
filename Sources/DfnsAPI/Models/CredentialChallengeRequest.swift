/// `POST /auth/credentials/init` request body.
public struct CredentialChallengeRequest: Codable, Equatable, Sendable {
    /// `Fido2`, `Key`, `RecoveryKey` or `PasswordProtectedKey`.
    public var kind: String

    /// Creates a value with every field given.
    public init(kind: String = "Key") {
        self.kind = kind
    }
}
