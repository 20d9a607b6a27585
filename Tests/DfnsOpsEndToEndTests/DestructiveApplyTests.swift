import Foundation
import SecretStores
import TestSupport
import Testing

/// The destructive paths of issue 13, applied end to end against `dfns-emulator`: revoking a permission, declared
/// deactivation, prune with each policy, and the empty-desired-set guard. Each starts from the organisation a clean
/// apply of `manifests/examples` made, edits the manifests, and checks the plan, the requests apply sends, the
/// organisation afterwards and the next plan.
@Suite("dfnsops apply: destructive changes, end to end")
struct DestructiveApplyTests {
    @Test(
        "the plan shows the change, apply sends exactly its requests, the organisation changes, the next plan is empty",
        arguments: DestructiveScenario.allCases)
    func appliesDestructiveChange(_ scenario: DestructiveScenario) async throws {
        try await DestructiveCheck.withAppliedOrganisation { organisation in
            try scenario.edit(organisation.workspace)
            // What prune removes is what dfnsops made: a marker on the live object and a record in the store.
            let store = try organisation.store()
            let live = try await ApplyFinalState.liveObjects(organisation.emulator)
            for marker in scenario.removed {
                let path = try SecretEntryPath(try #require(ApplyFinalState.storePaths[marker]))
                let record = try await store.metadata(of: path)?.current?.metadata.principalId
                let liveId = live.first { $0.marker == marker }?.id
                #expect(record != nil && record == liveId, "\(marker): live \(liveId ?? "-"), stored \(record ?? "-")")
            }
            let json = try await organisation.dfnsops(["plan", "--format", "json", ApplyOrganisation.manifests])
            #expect(json.status == 0, "\(json)")
            #expect(try DestructiveCheck.plannedActions(json.stdout) == scenario.plannedActions, "\(json.stdout)")
            #expect(try DestructiveCheck.plannedEffects(json.stdout) == scenario.plannedEffects, "\(json.stdout)")
            let text = try await organisation.plan()
            #expect(text.status == (scenario.plannedActions.isEmpty ? 0 : 2), "\(text)")
            for fragment in scenario.planText {
                #expect(text.stdout.contains(fragment), "the plan should show \(fragment.debugDescription): \(text)")
            }
            #expect(
                try await DestructiveCheck.shapes(organisation.emulator) == ApplyFinalState.expected,
                "planning changed the organisation")

            try await organisation.emulator.resetRequestLedger()
            let applied = try await organisation.apply(["--parallelism", "1"])
            #expect(applied.status == 0, "\(applied)")
            // The requests of this scenario, in order; also the crash matrix's list (DestructiveCrashTests).
            let ledger = try await organisation.emulator.requestLedger()
            #expect(CrashInjection.sentSteps(ledger.recent, among: scenario.steps) == scenario.steps.map(\.key))
            #expect(try await DestructiveCheck.shapes(organisation.emulator) == scenario.expectedShapes)

            let after = try await organisation.plan()
            #expect(after.status == 0, "the plan after apply should show no changes: \(after)")
        }
    }

    @Test("prune.mode deactivate on a webhook disables it, as the plan shows, and deletes nothing")
    func webhookPruneDeactivateDoesWhatThePlanShows() async throws {
        try await DestructiveCheck.withAppliedOrganisation { organisation in
            try organisation.workspace.setPruneMode("deactivate")
            try organisation.workspace.remove("\(ApplyOrganisation.manifests)/webhooks/treasury.yaml")
            let json = try await organisation.dfnsops(["plan", "--format", "json", ApplyOrganisation.manifests])
            #expect(try DestructiveCheck.plannedActions(json.stdout) == ["deactivate Webhook pruned"], "\(json)")

            try await organisation.emulator.resetRequestLedger()
            let applied = try await organisation.apply()
            #expect(applied.status == 0, "\(applied)")
            let sent = try await organisation.emulator.requestLedger().recent.filter(\.mutating)
            let shapes = try await DestructiveCheck.shapes(organisation.emulator)
            // Deactivating a webhook is disabling it: `PUT /webhooks/{id}`, leaving it in place.
            #expect(sent.map(\.method) == ["PUT"], "\(sent)")
            #expect(shapes[DestructiveScenario.treasuryHook]?.contains(", Disabled, ") == true, "\(shapes)")
        }
    }

    @Test("a manifest set that declares no object prunes nothing (exit 3, nothing sent); one declared object lifts it")
    func emptyDesiredSetIsRefused() async throws {
        try await DestructiveCheck.withAppliedOrganisation { organisation in
            let workspace = organisation.workspace
            let examples = ApplyOrganisation.manifests
            try workspace.setPruneMode("delete")
            try workspace.replace(
                "maxDeactivations: 3", with: "maxDeactivations: 10", in: "\(examples)/settings.yaml")
            let operatorManifest = "\(examples)/service-accounts/dfnsops-operator.yaml"
            let operatorText = try workspace.read(operatorManifest)
            for folder in ["service-accounts", "personal-access-tokens", "webhooks"] {
                try workspace.remove("\(examples)/\(folder)")
            }

            // Settings, a SecretStore and a passkey policy: no service account, PAT or webhook is declared.
            let plan = try await organisation.plan()
            #expect(plan.status == 2, "\(plan)")
            #expect(plan.stdout.contains("an empty set never prunes"), "\(plan)")
            #expect(plan.stdout.contains("7 blocked by guards"), "\(plan)")
            try await organisation.emulator.resetRequestLedger()
            let refused = try await organisation.apply()
            #expect(refused.status == 3, "a guard blocked every action: \(refused)")
            let ledger = try await organisation.emulator.requestLedger()
            #expect(ledger.mutating == 0, "\(ledger.recent.filter(\.mutating))")
            #expect(try await DestructiveCheck.shapes(organisation.emulator) == ApplyFinalState.expected)

            // One declared object: the same policy now deletes the six objects no manifest declares.
            try workspace.write(operatorText, to: operatorManifest)
            let proceeded = try await organisation.apply()
            #expect(proceeded.status == 0, "\(proceeded)")
            let operatorMarker = "dfnsops:ServiceAccount/dfnsops-operator"
            #expect(
                try await DestructiveCheck.shapes(organisation.emulator)
                    == [operatorMarker: ApplyFinalState.expected[operatorMarker]])
            let after = try await organisation.plan()
            #expect(after.status == 0, "\(after)")
        }
    }
}
