import AsyncHTTPClient
import DfnsAPI
import Foundation
import NIOCore
import TestSupport
import Testing

@Suite struct ClientErrorTests {
    @Test func dfnsErrorEnvelopeIsDecodedIntoTheError() async throws {
        let harness = try await ClientTestHarness.start { _ in
            .json(
                409,
                #"{"error":{"id":"2038837570328299032","status":409,"message":"externalId already exists","#
                    + #""details":{"duplicate":"us-1"}}}"#)
        }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client().createServiceAccount(
                CreateServiceAccountRequest(name: "ci", publicKey: ModelsSamples.publicKeyPEM))
        }

        #expect(error?.kind == .http)
        #expect(error?.method == "POST")
        #expect(error?.path == "/auth/service-accounts")
        #expect(error?.status == 409)
        #expect(error?.message == "externalId already exists")
        #expect(error?.errorId == "2038837570328299032")
        #expect(error?.details?["duplicate"]?.stringValue == "us-1")
        #expect(
            error?.description
                == "POST /auth/service-accounts → 409: externalId already exists (error id 2038837570328299032)")
    }

    @Test func topLevelMessageIsTheFallback() async throws {
        let harness = try await ClientTestHarness.start { _ in .json(404, #"{"message":"webhook not found"}"#) }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) { try await harness.client().getWebhook(id: "wh-x") }

        #expect(error?.message == "webhook not found")
        #expect(error?.isNotFound == true)
        #expect(error?.description == "GET /webhooks/wh-x → 404: webhook not found")
    }

    @Test func nonJSONBodyIsQuotedBriefly() async throws {
        let harness = try await ClientTestHarness.start { _ in
            HTTPTestServer.Response(status: 401, body: Data("<html>\nUnauthorized\n</html>".utf8))
        }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) { try await harness.client().getUser(id: "us-1") }

        #expect(error?.message == "<html> Unauthorized </html>")
        #expect(error?.description.contains("check DFNS_AUTH_TOKEN") == true)
    }

    @Test func unexpectedSuccessBodyIsAnInvalidResponse() async throws {
        let harness = try await ClientTestHarness.start { _ in .json(#"{"id":"wh-1"}"#) }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) { try await harness.client().getWebhook(id: "wh-1") }

        #expect(error?.kind == .invalidResponse)
        #expect(error?.message == "missing field 'url'")
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let harness = try await ClientTestHarness.start { _ in .json("{}") }
        // The shared HTTP client keeps trying to connect for 10 s; a short connect timeout keeps the test quick.
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(connect: .milliseconds(200))
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
        let client = HTTPDfnsClient(
            configuration: try harness.client(maxAttempts: 2).configuration, httpClient: httpClient,
            retryPolicy: RetryPolicy(maxAttempts: 2, sleep: { _ in }))
        await harness.shutdown()

        let error = await #expect(throws: DfnsAPIError.self) { try await client.listPermissions() }
        try await httpClient.shutdown()

        #expect(error?.kind == .transport)
        #expect(error?.attempts == 2)
        #expect(error?.description.hasPrefix("GET /permissions → no response: ") == true)
    }

    @Test func tokensNeverAppearInErrorDescriptions() async throws {
        // A hostile server that echoes the Authorization and X-DFNS-USERACTION headers and the body in its messages.
        let harness = try await ClientTestHarness.start { request in
            let echoed = [request.header("Authorization"), request.header("X-DFNS-USERACTION")]
                .compactMap { $0 }.joined(separator: " ")
            let message = "rejected \(echoed) \(request.bodyText)"
            return .json(
                request.method == "GET" ? 401 : 400,
                "{\"error\":{\"id\":\"e\",\"message\":\(ModelsSamples.quoted(message))}}")
        }
        defer { Task { await harness.shutdown() } }
        let client = try harness.client()
        var errors: [any Error] = []
        do { _ = try await client.listServiceAccounts() } catch { errors.append(error) }
        do {
            _ = try await client.createPersonalAccessToken(
                CreatePersonalAccessTokenRequest(name: "p", publicKey: ModelsSamples.publicKeyPEM))
        } catch { errors.append(error) }
        do { _ = try await client.deactivateServiceAccount(id: "us-1", force: true) } catch { errors.append(error) }
        do { _ = try await client.deleteCredential(uuid: "cr-1") } catch { errors.append(error) }
        let closed = try await ClientTestHarness.start { _ in .drop }
        do { _ = try await closed.client(maxAttempts: 1).createWebhook(.init(url: "https://h/x", events: ["*"])) } catch
        {
            errors.append(error)
        }
        await closed.shutdown()

        #expect(errors.count == 5)
        #expect(harness.issuedTokens.count == 3)
        let secrets = [ClientTestHarness.bearerToken] + harness.issuedTokens + closed.issuedTokens
        for error in errors {
            let texts = ["\(error)", String(reflecting: error), error.localizedDescription]
            for text in texts {
                for secret in secrets {
                    #expect(!text.contains(secret), "an error description contains a secret: \(text)")
                }
            }
        }
        #expect(errors.contains { "\($0)".contains("<redacted>") })
        #expect(!"\(harness.identity)".contains(ClientTestHarness.bearerToken))
    }

    @Test func failedSignatureExchangeNamesTheCallItAuthorises() async throws {
        let harness = try await ClientTestHarness.start(
            intercept: { request in
                request.path == "/auth/action" ? ClientTestHarness.error(401, "signature invalid", id: "e9") : nil
            },
            route: { _ in .json("{}") })
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client().deleteServiceAccount(id: "us-9")
        }

        #expect(error?.path == "/auth/action")
        #expect(error?.authorizing == "DELETE /auth/service-accounts/us-9")
        #expect(try harness.httpServer.requests("DELETE", "/auth/service-accounts/us-9").isEmpty)
    }
}
