/// A response whose content does not matter, e.g. `{}` from `DELETE /auth/credentials/{uuid}`.
public struct EmptyResponse: Codable, Equatable, Sendable {
    /// Creates an empty response.
    public init() {}

    /// Decodes any JSON value, ignoring it.
    public init(from decoder: any Decoder) throws {}

    /// Encodes `{}`.
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: EmptyCodingKey.self)
    }

    private struct EmptyCodingKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
