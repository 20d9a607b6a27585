/// The Dfns error envelope: `{"error":{"id","status","message","details"}}`.
public struct DfnsErrorEnvelope: Codable, Equatable, Sendable {
    public var error: DfnsErrorBody

    public init(error: DfnsErrorBody) {
        self.error = error
    }
}

/// The body of a Dfns error.
public struct DfnsErrorBody: Codable, Equatable, Sendable {
    /// An id to quote to support.
    public var id: String?
    public var status: Int?
    public var message: String
    public var details: JSONValue?

    public init(id: String? = nil, status: Int? = nil, message: String, details: JSONValue? = nil) {
        self.id = id
        self.status = status
        self.message = message
        self.details = details
    }
}
