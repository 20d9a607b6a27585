import DfnsAPI
import Foundation
import Synchronization
import TestSupport
import Testing

/// Answers from a script, one per request, repeating the last.
private final class Script: Sendable {
    private let responses: Mutex<[HTTPTestServer.Response]>

    init(_ responses: [HTTPTestServer.Response]) {
        self.responses = Mutex(responses)
    }

    func next() -> HTTPTestServer.Response {
        responses.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
    }
}

@Suite struct ClientRetryTests {
    private static let accounts = "{\"items\":[\(ModelsSamples.serviceAccount(withToken: false))]}"

    @Test func rateLimitedReadHonoursRetryAfterThenSucceeds() async throws {
        let script = Script([
            ClientTestHarness.error(429, "too many requests").adding(header: "Retry-After", "1"),
            .json(Self.accounts),
        ])
        let harness = try await ClientTestHarness.start { _ in script.next() }
        defer { Task { await harness.shutdown() } }
        let sleeps = SleepRecorder()

        let accounts = try await harness.client(sleeps: sleeps).listServiceAccounts()

        #expect(accounts.count == 1)
        #expect(try harness.httpServer.requests("GET", "/auth/service-accounts").count == 2)
        #expect(sleeps.recorded == [.seconds(1)])
    }

    @Test func transientStatusesBackOffWithJitter() async throws {
        let script = Script([.json(502, "{}"), .json(503, "{}"), .json(504, "{}"), .json(Self.accounts)])
        let harness = try await ClientTestHarness.start { _ in script.next() }
        defer { Task { await harness.shutdown() } }
        let sleeps = SleepRecorder()

        _ = try await harness.client(sleeps: sleeps).listServiceAccounts()

        // random() is 0.5: half of 250 ms, 500 ms, 1 s.
        #expect(sleeps.recorded == [.milliseconds(125), .milliseconds(250), .milliseconds(500)])
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let harness = try await ClientTestHarness.start { _ in ClientTestHarness.error(503, "unavailable") }
        defer { Task { await harness.shutdown() } }
        let sleeps = SleepRecorder()

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client(maxAttempts: 3, sleeps: sleeps).getWebhook(id: "wh-1")
        }

        #expect(error?.status == 503)
        #expect(error?.attempts == 3)
        #expect(try harness.httpServer.requests.count == 3)
        #expect(sleeps.recorded.count == 2)
        #expect(error?.description == "GET /webhooks/wh-1 → 503: unavailable (error id err-1) after 3 attempts")
    }

    @Test func droppedConnectionOnAReadIsRetried() async throws {
        let script = Script([.drop, .json(ModelsSamples.webhook())])
        let harness = try await ClientTestHarness.start { _ in script.next() }
        defer { Task { await harness.shutdown() } }

        let webhook = try await harness.client().getWebhook(id: "wh-1")

        #expect(webhook.id == "wh-1")
        #expect(try harness.httpServer.requests.count == 2)
    }

    @Test func serverErrorOnACreateIsNotRetried() async throws {
        let harness = try await ClientTestHarness.start { _ in ClientTestHarness.error(500, "internal error") }
        defer { Task { await harness.shutdown() } }
        let sleeps = SleepRecorder()

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client(sleeps: sleeps).createServiceAccount(
                CreateServiceAccountRequest(name: "ci", publicKey: ModelsSamples.publicKeyPEM))
        }

        #expect(error?.status == 500)
        #expect(error?.attempts == 1)
        #expect(try harness.httpServer.requests("POST", "/auth/service-accounts").count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test(arguments: [429, 502, 503, 504])
    func transientStatusOnAMutationIsNotRetried(status: Int) async throws {
        let harness = try await ClientTestHarness.start { _ in
            ClientTestHarness.error(status, "busy").adding(header: "Retry-After", "1")
        }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client().deleteWebhook(id: "wh-1")
        }

        #expect(error?.status == status)
        #expect(try harness.httpServer.requests("DELETE", "/webhooks/wh-1").count == 1)
    }

    @Test func droppedConnectionOnACreateIsNotRetried() async throws {
        let harness = try await ClientTestHarness.start { _ in .drop }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) {
            try await harness.client().createWebhook(CreateWebhookRequest(url: "https://h.example/x", events: ["*"]))
        }

        #expect(error?.kind == .transport)
        #expect(try harness.httpServer.requests("POST", "/webhooks").count == 1)
    }

    @Test func userActionStepsAreRetried() async throws {
        let initFailures = Script([
            ClientTestHarness.error(503, "init busy"), ClientTestHarness.error(429, "slow down"), .json(200, "{}"),
        ])
        let completeFailures = Script([.drop, .json(200, "{}")])
        let harness = try await ClientTestHarness.start(
            intercept: { request in
                let scripted: HTTPTestServer.Response? =
                    switch request.path {
                    case "/auth/action/init": initFailures.next()
                    case "/auth/action": completeFailures.next()
                    default: nil
                    }
                return scripted?.status == 200 ? nil : scripted
            },
            route: { _ in .json(ModelsSamples.serviceAccount(withToken: false)) })
        defer { Task { await harness.shutdown() } }
        let sleeps = SleepRecorder()
        let client = try harness.client(sleeps: sleeps)

        let outcome = try await client.activateServiceAccount(id: "us-1")

        #expect(outcome.value?.userInfo.isServiceAccount == true)
        let server = try harness.httpServer
        #expect(server.requests("POST", "/auth/action/init").count == 3)
        #expect(server.requests("POST", "/auth/action").count == 2)
        #expect(server.requests("PUT", "/auth/service-accounts/us-1/activate").count == 1)
        #expect(sleeps.recorded.count == 3)
        #expect(client.requestCount == 6)
    }
}

extension HTTPTestServer.Response {
    func adding(header name: String, _ value: String) -> HTTPTestServer.Response {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}
