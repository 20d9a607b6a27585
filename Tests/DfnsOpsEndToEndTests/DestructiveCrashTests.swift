import Foundation
import TestSupport
import Testing

/// The crash matrix of the destructive paths (issue 13): every mutating request a destructive change sends —
/// revoking an assignment, deactivating a service account or PAT (declared or pruned), deleting a service account,
/// PAT or webhook — interrupted in the two ways of ``ApplyCrashRecoveryTests``, then `apply` again without the
/// fault. Each case ends as a clean run of the change does, with a plan that shows no changes. That the steps are
/// every mutating request of each change, in order, is checked by ``DestructiveApplyTests``.
@Suite("dfnsops apply recovers from a crash at every destructive request")
struct DestructiveCrashTests {
    @Test(
        "apply again after a crash converges to the state a clean run leaves", arguments: DestructiveStep.all,
        Crash.allCases)
    func recoversFromCrash(at destructive: DestructiveStep, crash: Crash) async throws {
        try await DestructiveCheck.withAppliedOrganisation { organisation in
            let scenario = destructive.scenario
            try scenario.edit(organisation.workspace)
            try await CrashInjection.interrupt(organisation, at: destructive.step, by: crash)

            let recovery = try await organisation.apply()
            #expect(recovery.status == 0, "the recovery run should finish: \(recovery)")
            #expect(try await DestructiveCheck.shapes(organisation.emulator) == scenario.expectedShapes, "\(recovery)")
            let plan = try await organisation.plan()
            #expect(plan.status == 0, "a plan after recovery should show no changes: \(plan)")
        }
    }
}
