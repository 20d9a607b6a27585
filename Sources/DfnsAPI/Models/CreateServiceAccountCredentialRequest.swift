/// `POST /auth/service-accounts/credentials` request body: adds a Key credential to the calling service account (reference §13).
public struct CreateServiceAccountCredentialRequest: Codable, Equatable, Sendable {
    /// The new key's PEM public key.
    public var publicKey: String
    /// The new credential's name.
    public var name: String?

    /// Creates a value with every field given.
    public init(publicKey: String, name: String? = nil) {
        self.publicKey = publicKey
        self.name = name
    }
}
