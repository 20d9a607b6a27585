import DfnsAPI
import Foundation
import TestSupport
import Testing

/// A saved plan is applied only while the organisation and the manifests are as they were when it was made
/// (issue 7; user story 3; hashicorp/terraform#24078 for the empty-organisation case).
@Suite("dfnsops apply refuses a stale saved plan")
struct ApplyStalePlanTests {
    /// Applies everything, then saves a plan (with one change: a manifest now declares another permission).
    private func appliedWithSavedPlan(_ organisation: ApplyOrganisation) async throws {
        let applied = try await organisation.apply()
        try #require(applied.status == 0, "\(applied)")
        let manifest = "\(ApplyOrganisation.manifests)/service-accounts/payments-signer.yaml"
        let text = try organisation.workspace.read(manifest)
        try organisation.workspace.write(
            text.replacingOccurrences(
                of: "    - Payments Initiator\n", with: "    - Payments Initiator\n    - Wallets Reader\n"),
            to: manifest)
        let plan = try await organisation.plan(["--out", "plan.json"])
        try #require(plan.status == 2, "the saved plan should have one change: \(plan)")
    }

    @Test("a service account deactivated by hand after the plan was saved: exit 3, naming it, nothing sent")
    func deactivatedByHand() async throws {
        try await ApplyOrganisation.with { organisation in
            try await appliedWithSavedPlan(organisation)
            let client = try organisation.emulator.operatorClient()
            let treasury = try #require(
                try await client.listServiceAccounts().first {
                    $0.userInfo.externalId == "dfnsops:ServiceAccount/treasury-bot"
                })
            _ = try await client.deactivateServiceAccount(id: treasury.userInfo.userId, force: nil)

            try await organisation.emulator.resetRequestLedger()
            let result = try await organisation.dfnsops(["apply", "plan.json"])
            #expect(result.status == 3, "\(result)")
            #expect(result.stderr.contains("The saved plan is stale; nothing was applied."), "\(result)")
            #expect(result.stderr.contains("the organisation changed since the plan was made"), "\(result)")
            #expect(result.stderr.contains("changed: ServiceAccount \(treasury.userInfo.userId)"), "\(result)")
            #expect(try await organisation.emulator.requestLedger().mutating == 0)
        }
    }

    @Test("a webhook added by hand after the plan was saved: exit 3, naming it, nothing sent")
    func webhookAddedByHand() async throws {
        try await ApplyOrganisation.with { organisation in
            try await appliedWithSavedPlan(organisation)
            let client = try organisation.emulator.operatorClient()
            let added = try #require(
                try await client.createWebhook(
                    CreateWebhookRequest(
                        url: "https://ops.acme.example/debug", events: ["*"], status: .enabled,
                        description: "added by hand")
                ).value)

            try await organisation.emulator.resetRequestLedger()
            let result = try await organisation.dfnsops(["apply", "plan.json"])
            #expect(result.status == 3, "\(result)")
            #expect(result.stderr.contains("appeared: Webhook \(added.id)"), "\(result)")
            #expect(try await organisation.emulator.requestLedger().mutating == 0)
        }
    }

    @Test("a plan made against an empty organisation applies once, then is refused (terraform#24078)")
    func emptyOrganisationPlanAppliedTwice() async throws {
        try await ApplyOrganisation.with { organisation in
            let plan = try await organisation.plan(["--out", "plan.json"])
            try #require(plan.status == 2, "\(plan)")

            let first = try await organisation.dfnsops(["apply", "plan.json"])
            #expect(first.status == 0, "\(first)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])

            try await organisation.emulator.resetRequestLedger()
            let second = try await organisation.dfnsops(["apply", "plan.json"])
            #expect(second.status == 3, "\(second)")
            #expect(second.stderr.contains("The saved plan is stale"), "\(second)")
            let objects = try await ApplyFinalState.liveObjects(organisation.emulator)
            #expect(objects.count == 7)
            for object in objects {
                let kind = object.marker.dropFirst("dfnsops:".count).prefix { $0 != "/" }
                #expect(second.stderr.contains("appeared: \(kind) \(object.id)"), "\(object.marker): \(second)")
            }
            #expect(try await organisation.emulator.requestLedger().mutating == 0)
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
        }
    }
}
