import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Webhook deliveries")
struct WebhookDeliveryTests {
    @Test("a ping delivery verifies with the secret from the create response, and not with another secret")
    func pingSignature() async throws {
        let fixture = try await EmulatorFixture.make()
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await fixture.test { client in
                let created = try await WebhookTests.create(client, fixture.operatorPrincipal, url: url)
                let secret = try #require(created.secret)
                let ping = try await client.signed(.post, "/webhooks/\(created.id)/ping", as: fixture.operatorPrincipal)
                #expect(try ping.decode(PingWebhookResponse.self) == PingWebhookResponse(status: "200"))
                let delivery = try #require(receiver.received.first)
                let header = try #require(delivery.signature)
                #expect(header.hasPrefix("sha256="))
                #expect(WebhookSignature.isValid(header: header, secret: secret, body: delivery.body))
                #expect(!WebhookSignature.isValid(header: header, secret: "whs-another-secret", body: delivery.body))
                let payload = try JSONDecoder().decode(WebhookDeliveryPayload.self, from: delivery.body)
                #expect(payload.id.hasPrefix("whe-"))
                #expect(payload.deliveryAttempt == 1)
                #expect(payload.timestampSent == Int(fixture.clock.now().timeIntervalSince1970))
                // The test event is not stored.
                let events = try await client.get("/webhooks/\(created.id)/events", as: fixture.operatorPrincipal)
                #expect(try events.decode(Page<WebhookEvent>.self).items.isEmpty)
            }
        }
    }

    @Test("a ping reports the receiver's status code")
    func pingStatus() async throws {
        let fixture = try await EmulatorFixture.make()
        let receiver = WebhookReceiver(answering: .serviceUnavailable)
        try await receiver.run { url in
            try await fixture.test { client in
                let created = try await WebhookTests.create(client, fixture.operatorPrincipal, url: url)
                let ping = try await client.signed(.post, "/webhooks/\(created.id)/ping", as: fixture.operatorPrincipal)
                #expect(try ping.decode(PingWebhookResponse.self).status == "503")
            }
        }
    }

    @Test("events triggered through the admin API are delivered, signed, and recorded with their status")
    func triggeredEvents() async throws {
        // A generous delivery timeout: the receiver runs in this process, which parallel tests keep busy, and an
        // answer that comes late would be recorded as "Timeout".
        let fixture = try await EmulatorFixture.make { $0.webhookTimeout = 120 }
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await fixture.test { client in
                let principal = fixture.operatorPrincipal
                let good = try await WebhookTests.create(client, principal, url: url)
                let bad = try await WebhookTests.create(client, principal, url: "http://127.0.0.1:1/nothing")
                let trigger = try await client.raw(
                    .post, "/_emulator/events", body: #"{"kind":"wallet.created","data":{"walletId":"wa-1"}}"#)
                #expect(trigger.status == .ok, "\(trigger.text)")
                #expect(try trigger.decode(ItemList<WebhookEvent>.self).items.count == 2)
                let delivery = try #require(receiver.received.first)
                #expect(
                    WebhookSignature.isValid(
                        header: delivery.signature ?? "", secret: good.secret ?? "", body: delivery.body))
                let goodEvents = try await client.get("/webhooks/\(good.id)/events", as: principal)
                    .decode(Page<WebhookEvent>.self)
                #expect(goodEvents.items.map(\.status) == ["200"])
                let failed = try await client.get("/webhooks/\(bad.id)/events?deliveryFailed=true", as: principal)
                    .decode(Page<WebhookEvent>.self)
                let event = try #require(failed.items.first)
                #expect(event.status != "200")
                #expect(event.kind == "wallet.created")
                let one = try await client.get("/webhooks/\(bad.id)/events/\(event.id)", as: principal)
                #expect(try one.decode(WebhookEvent.self).id == event.id)
                #expect(
                    try await client.get("/webhooks/\(bad.id)/events?limit=500", as: principal).status == .badRequest)
            }
        }
    }
}
