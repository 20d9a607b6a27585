import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Webhooks")
struct WebhookTests {
    static func create(
        _ client: DfnsTestClient, _ principal: Principal, url: String = "https://example.com/hook",
        description: String? = nil
    ) async throws -> Webhook {
        let response = try await client.signed(
            .post, "/webhooks", json: CreateWebhookRequest(url: url, events: ["*"], description: description),
            as: principal)
        try #require(response.status == .ok, "\(response.text)")
        return try response.decode(Webhook.self)
    }

    @Test("the secret is only in the create response")
    func secretOnlyOnCreate() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let created = try await Self.create(client, principal, description: "hook [dfnsops:Webhook/a]")
            let secret = try #require(created.secret)
            #expect(secret.hasPrefix("whs-"))
            #expect(created.id.hasPrefix("wh-"))
            #expect(created.status == .enabled)
            let got = try await client.get("/webhooks/\(created.id)", as: principal)
            #expect(try got.decode(Webhook.self).secret == nil)
            #expect(!got.text.contains(secret))
            let list = try await client.get("/webhooks", as: principal)
            #expect(!list.text.contains(secret))
            let updated = try await client.signed(
                .put, "/webhooks/\(created.id)", json: UpdateWebhookRequest(status: .disabled), as: principal)
            #expect(try updated.decode(Webhook.self).status == .disabled)
            #expect(!updated.text.contains(secret))
            #expect(try updated.decode(Webhook.self).description == "hook [dfnsops:Webhook/a]")
        }
    }

    @Test("delete answers {deleted: true}; then the webhook is 404")
    func delete() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let created = try await Self.create(client, fixture.operatorPrincipal)
            let deleted = try await client.signed(.delete, "/webhooks/\(created.id)", as: fixture.operatorPrincipal)
            #expect(try deleted.decode(DeleteWebhookResponse.self).deleted)
            #expect(try await client.get("/webhooks/\(created.id)", as: fixture.operatorPrincipal).status == .notFound)
            let again = try await client.signed(.delete, "/webhooks/\(created.id)", as: fixture.operatorPrincipal)
            #expect(again.status == .notFound)
        }
    }

    @Test("pagination: limit 1…200, pages chained by nextPageToken")
    func pagination() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            var ids: [String] = []
            for index in 0..<3 {
                ids.append(try await Self.create(client, principal, url: "https://example.com/\(index)").id)
            }
            #expect(try await client.get("/webhooks?limit=201", as: principal).status == .badRequest)
            #expect(try await client.get("/webhooks?limit=0", as: principal).status == .badRequest)
            #expect(try await client.get("/webhooks?limit=200", as: principal).status == .ok)
            #expect(try await client.get("/webhooks?paginationToken=bogus", as: principal).status == .badRequest)
            let first = try await client.get("/webhooks?limit=2", as: principal).decode(Page<Webhook>.self)
            #expect(first.items.map(\.id) == Array(ids.prefix(2)))
            let token = try #require(first.nextPageToken)
            let second = try await client.get("/webhooks?limit=2&paginationToken=\(token)", as: principal)
                .decode(Page<Webhook>.self)
            #expect(second.items.map(\.id) == [ids[2]])
            #expect(second.nextPageToken == nil)
        }
    }

    @Test("an organisation may have at most --webhook-limit webhooks")
    func limit() async throws {
        let fixture = try await EmulatorFixture.make { $0.webhookLimit = 2 }
        try await fixture.test { client in
            _ = try await Self.create(client, fixture.operatorPrincipal)
            _ = try await Self.create(client, fixture.operatorPrincipal)
            let third = try await client.signed(
                .post, "/webhooks", json: CreateWebhookRequest(url: "https://example.com/3", events: ["*"]),
                as: fixture.operatorPrincipal)
            #expect(third.status == .badRequest)
        }
    }

    @Test("bad URLs, unknown event kinds and empty event lists are 400")
    func validation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            for request in [
                CreateWebhookRequest(url: "ftp://example.com", events: ["*"]),
                CreateWebhookRequest(url: "https://example.com", events: ["no.such.event"]),
                CreateWebhookRequest(url: "https://example.com", events: []),
            ] {
                let response = try await client.signed(.post, "/webhooks", json: request, as: fixture.operatorPrincipal)
                #expect(response.status == .badRequest, "\(request)")
            }
        }
    }

    @Test("ping of an unreachable URL answers with an error status, not a failure")
    func pingUnreachable() async throws {
        // A generous delivery timeout: a refused connection must be reported as such, even when parallel tests
        // keep this process's event loops so busy that a short timeout would fire first.
        let fixture = try await EmulatorFixture.make { $0.webhookTimeout = 120 }
        try await fixture.test { client in
            let created = try await Self.create(client, fixture.operatorPrincipal, url: "http://127.0.0.1:1/hook")
            let ping = try await client.signed(.post, "/webhooks/\(created.id)/ping", as: fixture.operatorPrincipal)
            #expect(ping.status == .ok)
            let body = try ping.decode(PingWebhookResponse.self)
            #expect(body.status == "ConnectionError")
            #expect(body.error?.contains("127.0.0.1:1") == true)
        }
    }

    @Test("unknown webhook and event ids are 404")
    func unknown() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            #expect(
                try await client.get("/webhooks/wh-aaaaa-bbbbb-cccccccccccccccc", as: principal).status == .notFound)
            let created = try await Self.create(client, principal)
            let event = try await client.get(
                "/webhooks/\(created.id)/events/whe-aaaaa-bbbbb-cccccccccccccccc", as: principal)
            #expect(event.status == .notFound)
            let ping = try await client.signed(
                .post, "/webhooks/wh-aaaaa-bbbbb-cccccccccccccccc/ping", as: principal)
            #expect(ping.status == .notFound)
        }
    }
}
