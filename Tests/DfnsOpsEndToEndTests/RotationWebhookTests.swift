import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 8, "Must show" 3 (user story 5): a webhook secret rotated by a twin, with the reference receiver
/// (`dfnsops webhook-receiver`) running as a process and the webhook's URL pointing at it.
@Suite("rotation: a webhook secret by twin, with the reference receiver")
struct RotationWebhookTests {
    static let name = "treasury"
    static let entry = "webhooks/treasury"

    @Test("both secrets accepted in the overlap; a receiver without the new secret blocks the deletion; then deleted")
    func twinRotation() async throws {
        try await RotationLab.with { lab in
            // The receiver reads the manifests at start; its port goes into the webhook's URL.
            try lab.declare(RotationLab.webhook(Self.name, url: "http://127.0.0.1:9/placeholder"), as: Self.name)
            var (receiver, url) = try await lab.startReceiver(webhook: Self.name)
            let port = try #require(URL(string: url)?.port)
            try lab.declare(RotationLab.webhook(Self.name, url: "\(url)/dfns/treasury"), as: Self.name)

            // Day 0: the webhook exists, and deliveries signed with its secret are accepted.
            let created = try await lab.apply()
            #expect(created.status == 0, "\(created)")
            let old = try #require(try await lab.webhooks(named: Self.name).first)
            #expect(try await lab.deliver(to: [old.id]) == [old.id: "200"])
            #expect(receiver.standardErrorSoFar.contains("accepted a delivery signed with the current secret"))
            let beforeRotation = try lab.snapshot()

            // Day 180: due. The twin is created with the same URL and events; the store holds both secrets.
            try await lab.advance(days: 180)
            receiver.sigkill()  // its replay window follows DFNSOPS_NOW, fixed per process
            (receiver, _) = try await lab.startReceiver(webhook: Self.name, port: port)
            let rotated = try await lab.apply()
            #expect(rotated.status == 0, "\(rotated)")
            let live = try await lab.webhooks(named: Self.name)
            #expect(live.count == 2, "\(live.map(\.id))")
            let twin = try #require(live.first { $0.id != old.id })
            #expect(twin.url == old.url && Set(twin.events) == Set(old.events) && twin.status == old.status)
            var metadata = try await lab.entry(Self.entry)
            #expect(metadata.current?.metadata.principalId == twin.id)
            #expect(metadata.previous?.metadata.principalId == old.id)

            // The overlap: deliveries signed with the old and with the new secret are both accepted.
            #expect(try await lab.deliver(to: [old.id, twin.id]) == [old.id: "200", twin.id: "200"])
            #expect(receiver.standardErrorSoFar.contains("accepted a delivery signed with the current secret"))
            #expect(receiver.standardErrorSoFar.contains("accepted a delivery signed with the previous secret"))
            let waiting = try await lab.plan()
            #expect(waiting.stdout.contains("waiting: delete generation 1 after"), "\(waiting)")

            // Day 187: the overlap is over, but the receiver now running knows only the old secret.
            try await lab.advance(days: 7)
            receiver.sigkill()
            (receiver, _) = try await lab.startReceiver(webhook: Self.name, port: port, in: beforeRotation)
            #expect(try await lab.deliver(to: [old.id, twin.id]) == [old.id: "200", twin.id: "401"])
            let blockedPlan = try await lab.plan()
            #expect(blockedPlan.stdout.contains("blocked by receiver_verified"), "\(blockedPlan)")
            #expect(blockedPlan.stdout.contains("does not accept the new secret yet"), "\(blockedPlan)")
            let blocked = try await lab.apply()
            #expect(blocked.status == 3, "\(blocked)")
            #expect(
                (blocked.stdout + blocked.stderr).contains("answered the new webhook's ping with 401"), "\(blocked)")
            #expect(try await lab.webhooks(named: Self.name).count == 2, "the old webhook stays")

            // A stopped receiver blocks it too.
            receiver.sigkill()
            let unreachable = try await lab.apply()
            #expect(unreachable.status == 3, "\(unreachable)")
            #expect(try await lab.webhooks(named: Self.name).count == 2)

            // The receiver that reads the current store accepts the ping: the old webhook goes, then its secret.
            (receiver, _) = try await lab.startReceiver(webhook: Self.name, port: port)
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            #expect(try await lab.webhooks(named: Self.name).map(\.id) == [twin.id])
            metadata = try await lab.entry(Self.entry)
            #expect(metadata.previous == nil && metadata.current?.metadata.principalId == twin.id)
            #expect(try await lab.deliver(to: [twin.id]) == [twin.id: "200"])
            #expect(try await lab.plan(["--detailed-exitcode"]).status == 0)
            receiver.sigkill()
        }
    }

    @Test("rollback of a webhook during the overlap deletes the twin and makes the old secret current again")
    func webhookRollback() async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.webhook(Self.name, url: "https://hooks.example.com/treasury"), as: Self.name)
            #expect(try await lab.apply().status == 0)
            let old = try #require(try await lab.webhooks(named: Self.name).first)
            try await lab.advance(days: 180)
            #expect(try await lab.apply().status == 0)
            #expect(try await lab.webhooks(named: Self.name).count == 2)

            let twin = try #require(try await lab.webhooks(named: Self.name).first { $0.id != old.id })
            let rollback = try await lab.dfnsops(
                ["rollback", "Webhook/\(Self.name)", RotationLab.manifests, "--auto-approve"])
            #expect(rollback.status == 0, "\(rollback)")
            #expect(rollback.stderr.contains("effect: delete Webhook (\(twin.id))"), "\(rollback)")
            #expect(try await lab.webhooks(named: Self.name).map(\.id) == [old.id])
            let metadata = try await lab.entry(Self.entry)
            #expect(metadata.current?.metadata.principalId == old.id && metadata.previous == nil)
            let secrets = try await lab.emulator.webhookSecrets()
            let current = try await lab.store().readValue(of: try SecretEntryPath(Self.entry), stage: .current)
            #expect(current.webhookSecret == secrets[old.id], "the old secret is current again")
        }
    }
}
