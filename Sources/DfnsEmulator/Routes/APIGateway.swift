import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird

/// The checks every Dfns endpoint runs, in order: authentication, rate limit, caller kind, permission,
/// user action, policy approval; then the operation and its JSON response.
struct APIGateway: Sendable {
    let store: EmulatorStore
    let rateLimiter: RateLimiter
    let approvals: ApprovalQueue
    let strictCredentialMatrix: Bool

    /// The encoder for response bodies.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON request body, or answers 400 naming the problem.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: Data) throws -> Value {
        let data = body.isEmpty ? Data("{}".utf8) : body
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw EmulatorError.badRequest("the request body is missing '\(key.stringValue)'")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw EmulatorError.badRequest("the request body field '\(path)' has the wrong type")
        } catch {
            throw EmulatorError.badRequest("the request body is not valid JSON")
        }
    }

    /// Authenticates the caller and applies the rate limit.
    func authenticate(_ request: Request) async throws -> Caller {
        let caller = try await store.authenticate(authorization: request.headers[.authorization])
        if let retryAfter = await rateLimiter.admit(orgId: caller.orgId) {
            throw EmulatorError(
                429, "rate limit exceeded: too many requests for organisation \(caller.orgId); retry later",
                details: .object(["retryAfter": .number(Double(retryAfter))]),
                headers: ["Retry-After": String(retryAfter)])
        }
        return caller
    }

    /// Runs an endpoint: checks, then `operation(caller, body)`, then its JSON response.
    func respond<Output: Encodable & Sendable>(
        _ request: Request, _ context: EmulatorRequestContext, _ requirements: RouteRequirements,
        _ operation: @escaping @Sendable (Caller, Data) async throws -> Output
    ) async throws -> Response {
        let caller = try await authenticate(request)
        let method = request.method.rawValue
        let path = request.uri.path
        guard requirements.callers.contains(caller.kind) else {
            throw EmulatorError.forbidden("\(caller.label) is not allowed to call \(method) \(path)")
        }
        if requirements.credentialEndpoint, strictCredentialMatrix, [.serviceAccount, .pat].contains(caller.kind) {
            throw EmulatorError.forbidden(
                "\(caller.label) is not allowed to call \(method) \(path): credential endpoints are open to "
                    + "organisation users only (strict credential matrix)")
        }
        if let permission = requirements.permission { try await store.require(permission, caller) }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = Data(buffer.readableBytesView)
        if requirements.userAction {
            try await store.consumeUserAction(
                request.headers[HTTPField.Name("X-DFNS-USERACTION") ?? .authorization], caller: caller,
                method: method, path: path, body: body)
            if await approvals.requiresApproval(method: method, path: path) {
                let change = await store.heldAssignmentChange(method: method, path: path, body: body, caller: caller)
                let record = await approvals.hold(
                    method: method, path: path, body: body, caller: caller, change: change
                ) {
                    (200, try Self.encoder.encode(try await operation(caller, body)))
                }
                return try Self.json(record.pendingBody, status: .accepted)
            }
        }
        return try Self.json(try await operation(caller, body))
    }
}
