/// `POST /auth/credentials/code` response: a one-time code for creating a credential elsewhere.
public struct CredentialCode: Codable, Equatable, Sendable {
    /// The code, e.g. `A7U-KY6-9PT`.
    public var code: String
    /// When the code expires (ISO-8601).
    public var expiration: String

    /// Creates a value with every field given.
    public init(code: String, expiration: String) {
        self.code = code
        self.expiration = expiration
    }
}
