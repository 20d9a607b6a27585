/// Which users a passkey policy covers.
public enum PasskeyUserSelector: Sendable, Hashable, Codable {
    /// These usernames.
    case usernames([String])
    /// Every CustomerEmployee that is not a service account.
    case allCustomerEmployees
}
