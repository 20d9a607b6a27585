/// An apply step that could not be carried out. Messages never contain secrets.
public struct ApplyError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
