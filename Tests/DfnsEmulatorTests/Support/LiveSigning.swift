import AsyncHTTPClient
import DfnsAPI
import DfnsEmulator
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// User actions over real HTTP, for tests against an `EmulatorServer`.
enum LiveSigning {
    fileprivate static func post(_ url: String, body: some Encodable, token: String) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try DfnsTestClient.encoder.encode(body)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        try #require(response.status.code == 200, "\(String(decoding: data, as: UTF8.self))")
        return data
    }

    /// Runs `/auth/action/init` and `/auth/action` over HTTP and returns the user-action token.
    static func userAction(
        server: EmulatorServer, principal: Principal, method: String, path: String, payload: String
    ) async throws -> String {
        try await LiveTarget(url: server.url).userAction(
            principal: principal, method: method, path: path, payload: payload)
    }
}

/// An emulator reached over real HTTP at `url`.
struct LiveTarget {
    let url: String

    /// Runs `/auth/action/init` and `/auth/action` over HTTP and returns the user-action token.
    func userAction(principal: Principal, method: String, path: String, payload: String) async throws -> String {
        let server = self
        let challenge = try JSONDecoder().decode(
            UserActionChallenge.self,
            from: try await LiveSigning.post(
                server.url + "/auth/action/init",
                body: UserActionInitRequest(method: method, path: path, payload: payload), token: principal.token))
        let assertion = try principal.signer.assertion(forChallenge: challenge.challenge)
        let completed = try await LiveSigning.post(
            server.url + "/auth/action",
            body: UserActionCompleteRequest(
                challengeIdentifier: challenge.challengeIdentifier,
                firstFactor: UserActionFactor(credentialAssertion: assertion)),
            token: principal.token)
        return try JSONDecoder().decode(UserActionResponse.self, from: completed).userAction
    }
}
