import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import DfnsEmulator

/// Drives the emulator's router like a Dfns SDK: bearer tokens, and user actions signed with `KeyCredentialSigner`.
struct DfnsTestClient: Sendable {
    let client: any TestClientProtocol

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Sends a request with raw headers and body.
    func raw(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.executeRequest(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Sends an authenticated request without a user action.
    func send(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, as principal: Principal,
        userAction: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(principal.token)"]
        if let userAction, let name = HTTPField.Name("X-DFNS-USERACTION") { headers[name] = userAction }
        return try await raw(method, path, body: body, headers: headers)
    }

    /// A GET as `principal`.
    func get(_ path: String, as principal: Principal) async throws -> TestResponse {
        try await send(.get, path, as: principal)
    }

    /// Runs `/auth/action/init` and `/auth/action` and returns the response of `/auth/action`.
    func attemptUserAction(
        _ method: HTTPRequest.Method, _ path: String, payload: String, as principal: Principal
    ) async throws -> TestResponse {
        let initBody = try Self.encoder.encode(
            UserActionInitRequest(method: method.rawValue, path: path, payload: payload))
        let challengeResponse = try await send(
            .post, "/auth/action/init", body: String(decoding: initBody, as: UTF8.self), as: principal)
        try #require(challengeResponse.status == .ok, "init: \(challengeResponse.text)")
        let challenge = try challengeResponse.decode(UserActionChallenge.self)
        let assertion = try principal.signer.assertion(forChallenge: challenge.challenge)
        let completeBody = try Self.encoder.encode(
            UserActionCompleteRequest(
                challengeIdentifier: challenge.challengeIdentifier,
                firstFactor: UserActionFactor(credentialAssertion: assertion)))
        return try await send(
            .post, "/auth/action", body: String(decoding: completeBody, as: UTF8.self), as: principal)
    }

    /// Runs `/auth/action/init` and `/auth/action` and returns the user-action token.
    func userAction(
        _ method: HTTPRequest.Method, _ path: String, payload: String, as principal: Principal
    ) async throws -> String {
        let completed = try await attemptUserAction(method, path, payload: payload, as: principal)
        try #require(completed.status == .ok, "complete: \(completed.text)")
        return try completed.decode(UserActionResponse.self).userAction
    }

    /// A mutating call with a fresh user action signed for exactly this method, path and body.
    func signed(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, as principal: Principal
    ) async throws -> TestResponse {
        let token = try await userAction(method, path, payload: body ?? "", as: principal)
        return try await send(method, path, body: body, as: principal, userAction: token)
    }

    /// A mutating call with an `Encodable` body.
    func signed(
        _ method: HTTPRequest.Method, _ path: String, json: some Encodable, as principal: Principal
    ) async throws -> TestResponse {
        let body = String(decoding: try Self.encoder.encode(json), as: UTF8.self)
        return try await signed(method, path, body: body, as: principal)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body decoded as JSON.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// The Dfns error envelope of an error response.
    var error: DfnsErrorBody? { try? decode(DfnsErrorEnvelope.self).error }
}
