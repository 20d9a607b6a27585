/// `PUT /auth/credentials/activate` and `/deactivate` request body.
public struct CredentialUuidRequest: Codable, Equatable, Sendable {
    /// The credential's Dfns id.
    public var credentialUuid: String

    /// Creates a value with every field given.
    public init(credentialUuid: String) {
        self.credentialUuid = credentialUuid
    }
}
