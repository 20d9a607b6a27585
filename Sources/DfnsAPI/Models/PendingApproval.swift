/// The body of an HTTP 202 on a mutating call: a policy holds the change for approval (reference §2.5).
public struct PendingApproval: Codable, Equatable, Sendable {
    /// The response body as the server sent it (an approval or change request); `.null` when there was none.
    public var body: JSONValue

    /// Wraps a 202 response body.
    public init(body: JSONValue) {
        self.body = body
    }

    /// Decodes any JSON value as the body.
    public init(from decoder: any Decoder) throws {
        body = try JSONValue(from: decoder)
    }

    /// Encodes the body as it was received.
    public func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
    }

    /// The approval's id, when the body has one.
    public var id: String? { body["id"]?.stringValue }

    /// The approval's status, when the body has one.
    public var status: String? { body["status"]?.stringValue }
}
