import DfnsAPI
import Foundation
import TestSupport
import Testing

/// A change that a Dfns policy holds for approval (HTTP 202) is reported as pending; apply exits 2, a second apply
/// before the approval files no second request, and a later apply, once it is approved, finishes with the
/// organisation as a clean run leaves it.
@Suite("dfnsops apply with policy approvals")
struct ApplyApprovalTests {
    @Test("a held permission assignment: exit 2 listing it; not sent again; approved, a later apply completes")
    func pendingApprovalThenCompletion() async throws {
        try await ApplyOrganisation.with { organisation in
            let emulator = organisation.emulator
            // Permissions:Assign is the kind of activity Dfns policies hold; only payments-signer gets this one.
            let permission = try #require(
                try await emulator.operatorClient().listPermissions().first { $0.name == "Payments Initiator" })
            let rule = try await emulator.requireApproval(
                method: "POST", path: "/permissions/\(permission.id)/assignments")

            let first = try await organisation.apply()
            #expect(first.status == 2, "\(first)")
            #expect(
                first.stdout.contains("pending_approval: ServiceAccount/payments-signer"),
                "the report should list the pending action: \(first)")
            #expect(first.stdout.contains("Apply: 6 done, 1 pending approval, 0 failed"), "\(first)")
            #expect(try await emulator.approvals().map(\.status) == ["Pending"])

            // Applied again before anyone approves: still pending, nothing is created twice, and the held assignment
            // is not sent again (dfnsops finds it in GET /v2/policy-approvals), so there is still one approval.
            try await emulator.resetRequestLedger()
            let again = try await organisation.apply()
            #expect(again.status == 2, "\(again)")
            #expect(again.stdout.contains("pending_approval: ServiceAccount/payments-signer"), "\(again)")
            #expect(again.stdout.contains("already waiting for a policy approval"), "\(again)")
            let resent = try await emulator.requestLedger().recent.filter(\.mutating)
            #expect(resent.isEmpty, "the second apply sent \(resent)")
            #expect(try await emulator.approvals().map(\.status) == ["Pending"])
            #expect(try await ApplyFinalState.liveObjects(emulator).count == 7)

            try await emulator.removeApprovalRule(id: rule)
            var resolved: [String] = []
            for approval in try await emulator.approvals() where approval.status == "Pending" {
                resolved.append(try await emulator.approve(approval.id).status)
            }
            // The one approved request assigns the permission.
            let approvals = try await emulator.approvals()
            #expect(resolved == ["Approved"], "\(approvals)")
            #expect(approvals.last?.resultStatus == 200, "\(approvals)")

            let last = try await organisation.apply()
            #expect(last.status == 0, "\(last)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
            let plan = try await organisation.plan()
            #expect(plan.status == 0, "\(plan)")
        }
    }
}
