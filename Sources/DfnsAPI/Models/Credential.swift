import Foundation

/// A credential of the caller, as listed by `GET /auth/credentials` and returned by create (reference §4.2).
public struct Credential: Codable, Equatable, Sendable {
    /// `Fido2`, `Key`, `Password`, `Totp`, `RecoveryKey`, `PasswordProtectedKey` or `SessionKey`.
    public var kind: String
    /// The id signatures name (`credId`, listed in `allowCredentials`).
    public var credentialId: String
    /// The Dfns id that activate, deactivate and delete take.
    public var credentialUuid: String
    /// When the credential was made (ISO-8601).
    public var dateCreated: String
    /// Whether the credential may sign.
    public var isActive: Bool
    /// The credential's name.
    public var name: String
    /// The public key (PEM for Key credentials).
    public var publicKey: String
    /// The relying party, for passkeys.
    public var relyingPartyId: String?
    /// The origin it was registered from.
    public var origin: String?

    /// Creates a value with every field given.
    public init(
        kind: String, credentialId: String, credentialUuid: String, dateCreated: String, isActive: Bool, name: String,
        publicKey: String, relyingPartyId: String? = nil, origin: String? = nil
    ) {
        self.kind = kind
        self.credentialId = credentialId
        self.credentialUuid = credentialUuid
        self.dateCreated = dateCreated
        self.isActive = isActive
        self.name = name
        self.publicKey = publicKey
        self.relyingPartyId = relyingPartyId
        self.origin = origin
    }

    /// `dateCreated` parsed as a date; nil when it is not ISO-8601.
    public var creationDate: Date? { DfnsDate.parse(dateCreated) }
}
