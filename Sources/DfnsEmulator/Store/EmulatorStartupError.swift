/// A problem that stops the emulator from starting or from saving its state: a bad flag, file or seed.
public struct EmulatorStartupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public let message: String

    /// Creates an error with a message that names the problem and its fix.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
