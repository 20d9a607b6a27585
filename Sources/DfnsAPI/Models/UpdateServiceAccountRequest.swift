/// `PUT /auth/service-accounts/{id}` request body; nil fields are left out.
public struct UpdateServiceAccountRequest: Codable, Equatable, Sendable {
    /// A new name.
    public var name: String?
    /// A new correlation label.
    public var externalId: String?

    /// Creates a value with every field given.
    public init(name: String? = nil, externalId: String? = nil) {
        self.name = name
        self.externalId = externalId
    }
}
