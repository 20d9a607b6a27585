/// `POST /auth/credentials/code` request body: when the one-time code expires (at most a minute ahead).
public struct CreateCredentialCodeRequest: Codable, Equatable, Sendable {
    /// The expiry, as an ISO-8601 date-time or Unix seconds.
    public var expiration: Expiration

    /// Creates a request.
    public init(expiration: Expiration) {
        self.expiration = expiration
    }

    /// The two forms the API accepts for `expiration`.
    public enum Expiration: Codable, Equatable, Sendable {
        /// An ISO-8601 date-time.
        case date(String)
        /// Unix seconds.
        case unixSeconds(Int)

        /// Decodes either a string or an integer.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Int.self) {
                self = .unixSeconds(seconds)
            } else {
                self = .date(try container.decode(String.self))
            }
        }

        /// Encodes the string or integer form.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .date(let text): try container.encode(text)
            case .unixSeconds(let seconds): try container.encode(seconds)
            }
        }
    }
}
