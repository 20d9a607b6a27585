import AsyncHTTPClient
import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import DfnsEmulator

@Suite("Fault injection")
struct FaultInjectionTests {
    let webhook = #"{"url":"https://example.com/hook","events":["*"]}"#

    @Test("commit-then-fail answers 500 but leaves the mutation applied")
    func commitThenFail() async throws {
        let fixture = try await EmulatorFixture.make {
            $0.faults = [FaultRule(method: "POST", path: "/auth/service-accounts", action: .commitThenFail, nth: 1)]
        }
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let key = try PrivateSigningKey(generating: .ecdsaP256)
            let response = try await client.signed(
                .post, "/auth/service-accounts",
                json: CreateServiceAccountRequest(name: "half", publicKey: key.publicKey.pem, externalId: "x"),
                as: principal)
            #expect(response.status == .internalServerError)
            #expect(response.error?.details?["injectedFault"] != nil)
            let list = try await client.get("/auth/service-accounts", as: principal).decode(
                ItemList<ServiceAccount>.self)
            #expect(list.items.map(\.userInfo.name) == ["half"])
            #expect(await fixture.emulator.store.appliedMutationCount() == 1)
        }
    }

    @Test("fail the Nth matching request with a chosen status; the others pass")
    func failNth() async throws {
        let fixture = try await EmulatorFixture.make {
            $0.faults = [try FaultRule(spec: "POST /webhooks fail status=503 nth=2")]
        }
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            #expect(try await client.signed(.post, "/webhooks", body: webhook, as: principal).status == .ok)
            let failed = try await client.signed(.post, "/webhooks", body: webhook, as: principal)
            #expect(failed.status == .serviceUnavailable)
            #expect(try await client.signed(.post, "/webhooks", body: webhook, as: principal).status == .ok)
            let list = try await client.get("/webhooks", as: principal).decode(Page<Webhook>.self)
            #expect(list.items.count == 2)
        }
    }

    @Test("a fraction of matching requests fails, repeatably for a seed")
    func fraction() async throws {
        func run() async throws -> [HTTPResponse.Status] {
            let fixture = try await EmulatorFixture.make {
                $0.faults = [try FaultRule(spec: "GET /webhooks* fail probability=0.5")]
                $0.faultSeed = 42
            }
            return try await fixture.test { client in
                var statuses: [HTTPResponse.Status] = []
                for _ in 0..<20 {
                    statuses.append(try await client.get("/webhooks", as: fixture.operatorPrincipal).status)
                }
                return statuses
            }
        }
        let first = try await run()
        #expect(first.contains(.ok))
        #expect(first.contains(.internalServerError))
        #expect(try await run() == first)
    }

    @Test("latency delays the answer")
    func latency() async throws {
        let fixture = try await EmulatorFixture.make {
            $0.faults = [FaultRule(method: "GET", path: "/webhooks", action: .latency, latencyMs: 300)]
        }
        try await fixture.test { client in
            let start = ContinuousClock.now
            let status = try await client.get("/webhooks", as: fixture.operatorPrincipal).status
            #expect(status == .ok)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test("faults can be installed, listed and removed through the admin API")
    func adminFaults() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let added = try await client.raw(
                .post, "/_emulator/faults", body: #"{"spec":"GET /webhooks fail status=502"}"#)
            #expect(added.status == .created)
            let rule = try added.decode(FaultRule.self)
            #expect(try await client.get("/webhooks", as: fixture.operatorPrincipal).status == .badGateway)
            let listed = try await client.raw(.get, "/_emulator/faults").decode([FaultInjector.Entry].self)
            #expect(listed.first?.fired == 1)
            #expect(try await client.raw(.delete, "/_emulator/faults/\(rule.id ?? "")").status == .ok)
            #expect(try await client.get("/webhooks", as: fixture.operatorPrincipal).status == .ok)
            let json = try await client.raw(
                .post, "/_emulator/faults", body: #"{"method":"PUT","path":"/auth/*","action":"drop"}"#)
            #expect(json.status == .created)
            let bad = try await client.raw(.post, "/_emulator/faults", body: #"{"spec":"GET /x explode"}"#)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("drop closes the connection without answering; commit-then-drop applies the mutation first")
    func dropConnection() async throws {
        let server = try await EmulatorServer.start(
            configuration: EmulatorConfiguration(
                faults: [
                    FaultRule(method: "GET", path: "/webhooks", action: .drop, nth: 1),
                    FaultRule(method: "POST", path: "/webhooks", action: .commitThenDrop, nth: 1),
                ]))
        defer { Task { await server.stop() } }
        let principal = try Principal(server.operatorCredentials)
        var request = HTTPClientRequest(url: server.url + "/webhooks")
        request.headers.add(name: "Authorization", value: "Bearer \(principal.token)")
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        }
        let second = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(second.status.code == 200)

        let token = try await LiveSigning.userAction(
            server: server, principal: principal, method: "POST", path: "/webhooks", payload: webhook)
        var post = HTTPClientRequest(url: server.url + "/webhooks")
        post.method = .POST
        post.headers.add(name: "Authorization", value: "Bearer \(principal.token)")
        post.headers.add(name: "X-DFNS-USERACTION", value: token)
        post.body = .bytes(ByteBuffer(string: webhook))
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(post, timeout: .seconds(60))
        }
        let list = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let page = try JSONDecoder().decode(
            Page<Webhook>.self, from: Data(try await list.body.collect(upTo: 1 << 20).readableBytesView))
        #expect(page.items.count == 1)
    }

    @Test("the admin request counter tells reads from mutations")
    func requestCounter() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            _ = try await client.get("/webhooks", as: principal)
            _ = try await client.userAction(.post, "/webhooks", payload: webhook, as: principal)
            var summary = try await client.raw(.get, "/_emulator/requests").decode(RequestLedger.Summary.self)
            #expect(summary.total == 3)
            #expect(summary.mutating == 0)
            #expect(summary.mutationsApplied == 0)
            _ = try await client.signed(.post, "/webhooks", body: webhook, as: principal)
            summary = try await client.raw(.get, "/_emulator/requests").decode(RequestLedger.Summary.self)
            #expect(summary.mutating == 1)
            #expect(summary.mutationsApplied == 1)
            _ = try await client.raw(.delete, "/_emulator/requests")
            summary = try await client.raw(.get, "/_emulator/requests").decode(RequestLedger.Summary.self)
            #expect(summary.total == 0)
            #expect(summary.mutationsApplied == 0)
        }
    }
}
