/// `POST /auth/service-accounts` request body.
public struct CreateServiceAccountRequest: Codable, Equatable, Sendable {
    /// The service account's name.
    public var name: String
    /// The PEM public key of its first Key credential.
    public var publicKey: String
    /// A permission to assign at creation (needs `Permissions:Assign`).
    public var permissionId: String?
    /// A free-form correlation label (not an idempotency key).
    public var externalId: String?
    /// The token's lifetime in days (1–730).
    public var daysValid: Int?

    /// Creates a value with every field given.
    public init(
        name: String, publicKey: String, permissionId: String? = nil, externalId: String? = nil, daysValid: Int? = nil
    ) {
        self.name = name
        self.publicKey = publicKey
        self.permissionId = permissionId
        self.externalId = externalId
        self.daysValid = daysValid
    }
}
