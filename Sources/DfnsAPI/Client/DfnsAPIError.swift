/// A failed Dfns API call: what was called, what came back, and what to do.
///
/// Its `description` reads like `POST /auth/service-accounts → 409: name taken (error id 2038…)`. It never holds
/// the Authorization header, a user-action token, the request body or a secret: the client removes its own
/// token and user-action token from any server message it quotes.
public struct DfnsAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The server answered with an HTTP error status.
        case http
        /// No response: the connection failed, was dropped, or timed out.
        case transport
        /// The server answered 2xx, but the body was not what the API documents.
        case invalidResponse
        /// The client could not authorise the call (e.g. its credential is not among the caller's).
        case signing
    }

    /// What went wrong.
    public var kind: Kind
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path without query string, e.g. `/auth/service-accounts`.
    public var path: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The Dfns message (`error.message`, else `message`), or what the client saw.
    public var message: String
    /// The Dfns error id, to quote to support.
    public var errorId: String?
    /// The Dfns error details (e.g. `duplicate` on a 409).
    public var details: JSONValue?
    /// How many times the request was sent (more than 1 after retries).
    public var attempts: Int
    /// The mutating call this request was authorising, for failures of the user-action steps.
    public var authorizing: String?

    /// Creates an error.
    public init(
        kind: Kind, method: String, path: String, status: Int? = nil, message: String, errorId: String? = nil,
        details: JSONValue? = nil, attempts: Int = 1, authorizing: String? = nil
    ) {
        self.kind = kind
        self.method = method
        self.path = path
        self.status = status
        self.message = message
        self.errorId = errorId
        self.details = details
        self.attempts = attempts
        self.authorizing = authorizing
    }

    /// True for statuses and failures worth retrying for an idempotent request: 429, 502, 503, 504 and transport
    /// failures. The client retries exactly these.
    public var isTransient: Bool {
        switch kind {
        case .transport: true
        case .http: status.map(Self.isTransient(status:)) ?? false
        case .invalidResponse, .signing: false
        }
    }

    /// True for the HTTP statuses worth retrying: 429, 502, 503 and 504.
    static func isTransient(status: Int) -> Bool {
        [429, 502, 503, 504].contains(status)
    }

    /// True when the server answered 404.
    public var isNotFound: Bool { kind == .http && status == 404 }

    /// One line: call, status, Dfns message and error id, then a hint for statuses that have an obvious fix.
    public var description: String {
        var text = "\(method) \(path) → "
        switch kind {
        case .http: text += "\(status.map(String.init) ?? "error"): \(message)"
        case .transport: text += "no response: \(message)"
        case .invalidResponse: text += "\(status.map(String.init) ?? "response") with an unexpected body: \(message)"
        case .signing: text += "not signed: \(message)"
        }
        if let errorId { text += " (error id \(errorId))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        if let authorizing { text += ", while authorising \(authorizing)" }
        if let hint { text += "; \(hint)" }
        return text
    }

    private var hint: String? {
        guard kind == .http, let status else { return nil }
        switch status {
        case 401: return "check DFNS_AUTH_TOKEN (missing, invalid or expired) and that DFNS_API_URL is the org's region"
        case 403 where authorizing != nil || method != "GET":
            return "the user-action signature was refused, or the caller lacks the permission for this call"
        case 403: return "the caller lacks the permission for this call"
        case 429: return "rate limited: lower --rate-limit or retry later"
        default: return nil
        }
    }
}
