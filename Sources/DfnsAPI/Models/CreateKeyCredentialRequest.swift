/// `POST /auth/credentials` (and `/auth/credentials/code/verify`) request body for a Key credential.
public struct CreateKeyCredentialRequest: Codable, Equatable, Sendable {
    /// Always `Key` here.
    public var credentialKind: String
    /// The new credential's name.
    public var credentialName: String
    /// From `POST /auth/credentials/init`.
    public var challengeIdentifier: String
    /// The attestation of the new key (reference §4.4).
    public var credentialInfo: KeyCredentialInfo

    /// Creates a value with every field given.
    public init(
        credentialKind: String = "Key", credentialName: String, challengeIdentifier: String,
        credentialInfo: KeyCredentialInfo
    ) {
        self.credentialKind = credentialKind
        self.credentialName = credentialName
        self.challengeIdentifier = challengeIdentifier
        self.credentialInfo = credentialInfo
    }
}
