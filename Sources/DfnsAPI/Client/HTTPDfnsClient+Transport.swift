import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP methods the Dfns API uses.
enum DfnsHTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}

/// A response as the client needs it: status, `Retry-After`, and the body bytes.
struct DfnsRawResponse: Sendable {
    var status: Int
    var retryAfter: Duration?
    var body: Data
}

extension HTTPDfnsClient {
    /// The largest response body read.
    static let maxResponseBytes = 16 << 20

    /// Encodes request bodies: sorted keys, slashes unescaped; the bytes are both signed and sent.
    static func encodeBody(_ body: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }

    /// Characters left as they are in a path segment.
    private static let pathSegmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#")
        return allowed
    }()

    /// Characters left as they are in a query name or value.
    private static let queryValueAllowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#")
        return allowed
    }()

    /// Percent-encodes one path parameter.
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? value
    }

    // MARK: Calls

    /// A GET (retried when transient), decoded as `Response`.
    func read<Response: Decodable>(
        _ path: String, query: [(String, String?)] = [], as type: Response.Type = Response.self
    ) async throws -> Response {
        try await call(.get, path, query: query, body: nil, retrying: true)
    }

    /// Every page of a paginated list, following `nextPageToken` to the end.
    func readAllPages<Item: Codable & Sendable>(
        _ path: String, query: [(String, String?)] = [], as type: Item.Type = Item.self
    ) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page: Page<Item> = try await read(
                path, query: query + [("limit", String(configuration.pageSize)), ("paginationToken", token)])
            items += page.items
            token = page.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
            if let token, !seen.insert(token).inserted {
                throw DfnsAPIError(
                    kind: .invalidResponse, method: "GET", path: path, status: 200,
                    message: "the server returned the same nextPageToken twice; stopping to avoid a loop")
            }
        } while token != nil
        return items
    }

    /// A request that needs no user action (GET, or the POSTs of the user-action and credential-challenge steps).
    func call<Response: Decodable>(
        _ method: DfnsHTTPMethod, _ path: String, query: [(String, String?)] = [], body: Data?, retrying: Bool
    ) async throws -> Response {
        let (response, attempts) = try await send(
            method, path, query: query, body: body, userAction: nil, retrying: retrying)
        guard (200..<300).contains(response.status) else {
            throw httpError(method, path, response, attempts: attempts, secrets: [])
        }
        return try decode(Response.self, response, method, path)
    }

    /// A mutating call with a JSON body: serialised once, signed in a user action, sent; never retried.
    func mutate<Response: Decodable & Sendable>(
        _ method: DfnsHTTPMethod, _ path: String, body: some Encodable, as type: Response.Type = Response.self
    ) async throws -> MutationOutcome<Response> {
        let bytes: Data
        do {
            bytes = try Self.encodeBody(body)
        } catch {
            throw DfnsAPIError(
                kind: .signing, method: method.rawValue, path: path, message: "the request body could not be encoded")
        }
        return try await mutate(method, path, bodyBytes: bytes)
    }

    /// A mutating call; `bodyBytes` nil sends no body and signs `""`. Never retried: the caller decides recovery.
    func mutate<Response: Decodable & Sendable>(
        _ method: DfnsHTTPMethod, _ path: String, bodyBytes: Data? = nil, as type: Response.Type = Response.self
    ) async throws -> MutationOutcome<Response> {
        try mutationGate?.admit(MutationRequest(method: method.rawValue, path: path, body: bodyBytes))
        let payload = bodyBytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let token = try await userActionToken(method: method.rawValue, path: path, payload: payload)
        let (response, attempts) = try await send(
            method, path, query: [], body: bodyBytes, userAction: token, retrying: false)
        switch response.status {
        case 202:
            let body = (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null
            logger.info("policy approval pending", metadata: ["method": "\(method.rawValue)", "path": "\(path)"])
            return .pendingApproval(PendingApproval(body: body))
        case 200..<300:
            return .done(try decode(Response.self, response, method, path))
        default:
            throw httpError(method, path, response, attempts: attempts, secrets: [token])
        }
    }

    // MARK: Sending

    /// Sends a request, retrying transient failures when `retrying` is true.
    /// - Returns: the last response and the number of attempts.
    private func send(
        _ method: DfnsHTTPMethod, _ path: String, query: [(String, String?)], body: Data?, userAction: String?,
        retrying: Bool
    ) async throws -> (DfnsRawResponse, Int) {
        let maxAttempts = retrying ? retryPolicy.maxAttempts : 1
        var attempt = 0
        while true {
            attempt += 1
            let retryAfter: Duration?
            do {
                let response = try await sendOnce(method, path, query: query, body: body, userAction: userAction)
                guard attempt < maxAttempts, DfnsAPIError.isTransient(status: response.status) else {
                    return (response, attempt)
                }
                retryAfter = response.retryAfter
                logger.info(
                    "retrying after HTTP \(response.status)",
                    metadata: ["method": "\(method.rawValue)", "path": "\(path)", "attempt": "\(attempt)"])
            } catch var error as DfnsAPIError where error.isTransient {
                guard attempt < maxAttempts else {
                    error.attempts = attempt
                    throw error
                }
                retryAfter = nil
                logger.info(
                    "retrying after a transport error",
                    metadata: ["method": "\(method.rawValue)", "path": "\(path)", "attempt": "\(attempt)"])
            }
            try await retryPolicy.sleep(retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter))
        }
    }

    /// Sends one request, after taking a token from the rate limiter.
    private func sendOnce(
        _ method: DfnsHTTPMethod, _ path: String, query: [(String, String?)], body: Data?, userAction: String?
    ) async throws -> DfnsRawResponse {
        try await rateLimiter?.acquire()
        requestCounter.increment()
        var request = HTTPClientRequest(url: url(path, query: query))
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.identity.token)")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        if let userAction { request.headers.add(name: "X-DFNS-USERACTION", value: userAction) }
        let timeout = configuration.requestTimeout.components
        let milliseconds = timeout.seconds * 1000 + timeout.attoseconds / 1_000_000_000_000_000
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(milliseconds))
            let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
            return DfnsRawResponse(
                status: Int(response.status.code),
                retryAfter: response.headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter),
                body: Data(buffer.readableBytesView))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw DfnsAPIError(
                kind: .transport, method: method.rawValue, path: path,
                message: scrub(String(describing: error), secrets: userAction.map { [$0] } ?? []))
        }
    }

    /// The full URL: base URL (without trailing slash) + path + query (nil values left out).
    private func url(_ path: String, query: [(String, String?)]) -> String {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let items = query.compactMap { name, value in
            value.map { value in
                let encodedName = name.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed) ?? name
                let encodedValue = value.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed) ?? value
                return "\(encodedName)=\(encodedValue)"
            }
        }
        return base + path + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }

    /// `Retry-After` in seconds (integer or decimal); HTTP dates are ignored.
    static func parseRetryAfter(_ value: String) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    // MARK: Responses and errors

    private func decode<Response: Decodable>(
        _ type: Response.Type, _ response: DfnsRawResponse, _ method: DfnsHTTPMethod, _ path: String
    ) throws -> Response {
        do {
            // An empty 2xx body (e.g. 204) reads as `{}`, which response types without fields accept.
            let body = response.body.isEmpty ? Data("{}".utf8) : response.body
            return try JSONDecoder().decode(Response.self, from: body)
        } catch let error as DecodingError {
            throw DfnsAPIError(
                kind: .invalidResponse, method: method.rawValue, path: path, status: response.status,
                message: Self.summary(of: error))
        } catch {
            throw DfnsAPIError(
                kind: .invalidResponse, method: method.rawValue, path: path, status: response.status,
                message: "the body is not JSON")
        }
    }

    /// A DecodingError in words, naming the field but never quoting a value.
    private static func summary(of error: DecodingError) -> String {
        func field(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(field(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field '\(field(context.codingPath))' has the wrong type or is null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the body is not JSON" : "field '\(field(context.codingPath))' is invalid"
        @unknown default:
            return "the body does not match the documented shape"
        }
    }

    /// The error for a non-2xx response: the Dfns envelope's message and id, or the top-level `message`.
    private func httpError(
        _ method: DfnsHTTPMethod, _ path: String, _ response: DfnsRawResponse, attempts: Int, secrets: [String]
    ) -> DfnsAPIError {
        var message: String?
        var errorId: String?
        var details: JSONValue?
        if let envelope = try? JSONDecoder().decode(DfnsErrorEnvelope.self, from: response.body) {
            message = envelope.error.message
            errorId = envelope.error.id
            details = envelope.error.details
        } else if let json = try? JSONDecoder().decode(JSONValue.self, from: response.body) {
            message =
                json["message"]?.stringValue ?? json["error"]?.stringValue ?? json["error"]?["message"]?.stringValue
            errorId = json["id"]?.stringValue ?? json["error"]?["id"]?.stringValue
            details = json["details"]
        }
        if message == nil, !response.body.isEmpty {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            message = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        return DfnsAPIError(
            kind: .http, method: method.rawValue, path: path, status: response.status,
            message: scrub(message ?? "no error message", secrets: secrets), errorId: errorId,
            details: details, attempts: attempts)
    }

    /// Removes the bearer token and any other known secret from text quoted in an error.
    private func scrub(_ text: String, secrets: [String]) -> String {
        var text = text
        for secret in [configuration.identity.token] + secrets where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return text
    }
}
