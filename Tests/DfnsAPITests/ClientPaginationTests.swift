import DfnsAPI
import Foundation
import TestSupport
import Testing

@Suite struct ClientPaginationTests {
    @Test func followsNextPageTokenAcrossThreePages() async throws {
        let harness = try await ClientTestHarness.start { request in
            guard request.method == "GET", request.path == "/webhooks" else { return .json(404, "{}") }
            switch request.query["paginationToken"] {
            case nil:
                return .json(
                    "{\"items\":[\(ModelsSamples.webhook(id: "wh-1")),\(ModelsSamples.webhook(id: "wh-2"))],"
                        + "\"nextPageToken\":\"page-2\"}")
            case "page-2":
                return .json("{\"items\":[\(ModelsSamples.webhook(id: "wh-3"))],\"nextPageToken\":\"page-3\"}")
            case "page-3":
                return .json("{\"items\":[\(ModelsSamples.webhook(id: "wh-4"))]}")
            default:
                return ClientTestHarness.error(400, "bad token")
            }
        }
        defer { Task { await harness.shutdown() } }
        let client = try harness.client(pageSize: 2)

        let webhooks = try await client.listWebhooks()

        #expect(webhooks.map(\.id) == ["wh-1", "wh-2", "wh-3", "wh-4"])
        let requests = try harness.httpServer.requests("GET", "/webhooks")
        #expect(requests.count == 3)
        #expect(requests.map { $0.query["paginationToken"] } == [nil, "page-2", "page-3"])
        #expect(requests.allSatisfy { $0.query["limit"] == "2" })
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer \(ClientTestHarness.bearerToken)" })
        #expect(requests.allSatisfy { $0.header("X-DFNS-USERACTION") == nil })
        #expect(client.requestCount == 3)
    }

    @Test func usersListPassesItsFilterOnEveryPage() async throws {
        let harness = try await ClientTestHarness.start { request in
            if request.query["paginationToken"] == nil {
                return .json("{\"items\":[\(ModelsSamples.user)],\"nextPageToken\":\"n\"}")
            }
            return .json("{\"items\":[\(ModelsSamples.user)],\"nextPageToken\":\"\"}")
        }
        defer { Task { await harness.shutdown() } }

        let users = try await harness.client().listUsers(kind: "CustomerEmployee")

        #expect(users.count == 2)
        let requests = try harness.httpServer.requests("GET", "/auth/users")
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.query["kind"] == "CustomerEmployee" })
    }

    @Test func aRepeatedPageTokenStopsTheLoop() async throws {
        let harness = try await ClientTestHarness.start { _ in
            .json(#"{"items":[],"nextPageToken":"same"}"#)
        }
        defer { Task { await harness.shutdown() } }

        let error = await #expect(throws: DfnsAPIError.self) { try await harness.client().listPermissions() }
        #expect(error?.kind == .invalidResponse)
        #expect(try harness.httpServer.requests.count == 2)
    }

    @Test func unpaginatedListsAndSingleEventPagesDecode() async throws {
        let harness = try await ClientTestHarness.start { request in
            switch request.path {
            case "/auth/service-accounts":
                return .json("{\"items\":[\(ModelsSamples.serviceAccount(withToken: false))]}")
            case "/auth/credentials": return .json(ModelsSamples.credentialList)
            case "/webhooks/wh%2F1/events":
                return .json("{\"items\":[\(ModelsSamples.webhookEvent)],\"nextPageToken\":\"e2\"}")
            default: return ClientTestHarness.error(404, "not found")
            }
        }
        defer { Task { await harness.shutdown() } }
        let client = try harness.client()

        #expect(try await client.listServiceAccounts().count == 1)
        #expect(try await client.listCredentials().count == 2)
        let page = try await client.listWebhookEvents(
            webhookId: "wh/1", query: WebhookEventQuery(deliveryFailed: true, limit: 5))
        #expect(page.nextPageToken == "e2")
        let eventsRequest = try #require(try harness.httpServer.requests("GET", "/webhooks/wh%2F1/events").first)
        #expect(eventsRequest.query == ["deliveryFailed": "true", "limit": "5"])
    }
}
