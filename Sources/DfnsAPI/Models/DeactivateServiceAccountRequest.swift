/// `PUT /auth/service-accounts/{id}/deactivate` request body.
public struct DeactivateServiceAccountRequest: Codable, Equatable, Sendable {
    /// Bypass the policy approver check and deactivate at once.
    public var force: Bool?

    /// Creates a value with every field given.
    public init(force: Bool? = nil) {
        self.force = force
    }
}
