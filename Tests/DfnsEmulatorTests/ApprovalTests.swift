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

    @Test("held assignments and revocations are listed at GET /v2/policy-approvals as Permissions:Assign activities")
    func listsHeldAssignments() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let permission = try await client.signed(
                .post, "/permissions", body: #"{"name":"readers","operations":["Webhooks:Read"]}"#, as: principal
            ).decode(Permission.self)
            let (account, accountPrincipal) = try await client.createServiceAccount("sa", as: principal)
            let identityId = account.userInfo.userId
            _ = try await client.raw(
                .post, "/_emulator/approval-rules", body: #"{"path":"/permissions/*/assignments*"}"#)
            _ = try await client.raw(.post, "/_emulator/approval-rules", body: #"{"path":"/webhooks"}"#)
            let assignments = "/permissions/\(permission.id)/assignments"
            let held = try await client.signed(
                .post, assignments, json: AssignPermissionRequest(identityId: identityId), as: principal)
            #expect(held.status == .accepted)
            #expect(try await client.signed(.post, "/webhooks", body: webhook, as: principal).status == .accepted)

            // Only the assignment is a policy activity; the held webhook call is listed by the admin API alone.
            func listed(_ query: String) async throws -> [PolicyApproval] {
                try await client.get("/v2/policy-approvals\(query)", as: principal).decode(Page<PolicyApproval>.self)
                    .items
            }
            let pending = try await listed("?status=Pending")
            #expect(pending.count == 1)
            #expect(
                pending.first?.holdsAssignment("Create", permissionId: permission.id, identityId: identityId) == true)
            #expect(
                pending.first?.holdsAssignment("Delete", permissionId: permission.id, identityId: identityId) == false)
            #expect(pending.first?.activity.changeRequest?.status == "Pending")

            let id = try #require(pending.first?.id)
            let record = try await client.raw(.post, "/_emulator/approvals/\(id)/approve").decode(ApprovalRecord.self)
            let assignmentId = try #require(record.result?["id"]?.stringValue)
            #expect(try await listed("?status=Pending").isEmpty)
            #expect(try await listed("?status=Approved").map { $0.activity.changeRequest?.status } == ["Applied"])

            let revoke = try await client.signed(.delete, "\(assignments)/\(assignmentId)", as: principal)
            #expect(revoke.status == .accepted)
            let revoking = try await listed("?status=Pending")
            #expect(revoking.count == 1)
            #expect(
                revoking.first?.holdsAssignment("Delete", permissionId: permission.id, identityId: identityId) == true)
            #expect(revoking.first?.activity.changeRequest?.body?["id"]?.stringValue == assignmentId)
            #expect(try await listed("").count == 2)

            #expect(try await client.get("/v2/policy-approvals?status=Held", as: principal).status == .badRequest)
            // Listing approvals needs Policies:Approvals:Read, which the new service account lacks.
            #expect(try await client.get("/v2/policy-approvals", as: accountPrincipal).status == .forbidden)
        }
    }
}
