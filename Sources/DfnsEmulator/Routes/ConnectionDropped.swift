/// Thrown after fault injection closed the connection: there is no response to send.
struct ConnectionDropped: Error, Sendable {}
