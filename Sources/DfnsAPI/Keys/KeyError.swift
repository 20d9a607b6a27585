/// A problem loading or using key material. Messages never contain the key itself.
public struct KeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, and how to fix it, in one or two sentences.
    public let message: String

    /// Creates an error with a message that names the problem and its fix.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
