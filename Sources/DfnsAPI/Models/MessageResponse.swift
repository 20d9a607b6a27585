/// A response that carries only a message, e.g. `{"message":"success"}`.
public struct MessageResponse: Codable, Equatable, Sendable {
    /// The server's message.
    public var message: String

    /// Creates a value with every field given.
    public init(message: String) {
        self.message = message
    }
}
