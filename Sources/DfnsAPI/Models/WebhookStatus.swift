/// A webhook's status: `Enabled` or `Disabled`; any other value the server sends is kept, not rejected.
public struct WebhookStatus: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The status as it appears on the wire.
    public var rawValue: String

    /// Deliveries are made.
    public static let enabled = WebhookStatus(rawValue: "Enabled")
    /// Deliveries are paused.
    public static let disabled = WebhookStatus(rawValue: "Disabled")

    /// Creates a status from its wire value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a status from a string literal such as `"Enabled"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The wire value.
    public var description: String { rawValue }
}
