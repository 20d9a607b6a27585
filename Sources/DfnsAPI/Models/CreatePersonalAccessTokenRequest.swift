/// `POST /auth/pats` request body.
public struct CreatePersonalAccessTokenRequest: Codable, Equatable, Sendable {
    /// The token's name.
    public var name: String
    /// The PEM public key of the token's signing credential.
    public var publicKey: String
    /// A permission to assign at creation.
    public var permissionId: String?
    /// A free-form correlation label.
    public var externalId: String?
    /// The lifetime in days; ignored when `secondsValid` is given.
    public var daysValid: Int?
    /// The lifetime in seconds.
    public var secondsValid: Int?

    /// Creates a value with every field given.
    public init(
        name: String, publicKey: String, permissionId: String? = nil, externalId: String? = nil, daysValid: Int? = nil,
        secondsValid: Int? = nil
    ) {
        self.name = name
        self.publicKey = publicKey
        self.permissionId = permissionId
        self.externalId = externalId
        self.daysValid = daysValid
        self.secondsValid = secondsValid
    }
}
