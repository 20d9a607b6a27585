import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Policy approvals")
struct ApprovalTests {
    let webhook = #"{"url":"https://example.com/hook","events":["*"]}"#

    @Test("a call marked for approval answers 202, and runs only when approved")
    func approve() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let rule = try await client.raw(
                .post, "/_emulator/approval-rules", body: #"{"method":"POST","path":"/webhooks"}"#)
            #expect(rule.status == .created)
            let held = try await client.signed(.post, "/webhooks", body: webhook, as: principal)
            #expect(held.status == .accepted)
            let pending = try held.decode(PendingApproval.self)
            #expect(pending.status == "Pending")
            let id = try #require(pending.id)
            #expect(try await client.get("/webhooks", as: principal).decode(Page<Webhook>.self).items.isEmpty)

            let approved = try await client.raw(.post, "/_emulator/approvals/\(id)/approve")
            let record = try approved.decode(ApprovalRecord.self)
            #expect(record.status == "Approved")
            #expect(record.result?["secret"]?.stringValue?.hasPrefix("whs-") == true)
            #expect(try await client.get("/webhooks", as: principal).decode(Page<Webhook>.self).items.count == 1)
            #expect(try await client.raw(.post, "/_emulator/approvals/\(id)/approve").status == .conflict)
        }
    }

    @Test("a rejected call never runs")
    func reject() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            _ = try await client.raw(.post, "/_emulator/approval-rules", body: #"{"path":"/webhooks"}"#)
            let held = try await client.signed(.post, "/webhooks", body: webhook, as: principal)
            let id = try #require(try held.decode(PendingApproval.self).id)
            let rejected = try await client.raw(.post, "/_emulator/approvals/\(id)/reject")
            #expect(try rejected.decode(ApprovalRecord.self).status == "Rejected")
            #expect(try await client.get("/webhooks", as: principal).decode(Page<Webhook>.self).items.isEmpty)
            let all = try await client.raw(.get, "/_emulator/approvals").decode([ApprovalRecord].self)
            #expect(all.map(\.status) == ["Rejected"])
        }
    }
}
