import Foundation
import TestSupport
import Testing

/// The crash-recovery matrix of issue 7: every mutating request of applying `manifests/examples`, interrupted
/// in two ways, then `apply` again without the fault. Every case must end exactly as a clean run does
/// (``ApplyFinalState``): one object per marker, each with its secret in the store's `current` stage and the
/// store's key being the live credential's key, and a plan with no changes.
@Suite("dfnsops apply recovers from a crash at every mutating step")
struct ApplyCrashRecoveryTests {
    static let assignments = "/permissions/*/assignments"

    /// In the order a clean `apply --parallelism 1` sends them (checked by ``matrixCoversEveryMutatingRequest()``).
    static let steps: [MutatingStep] = [
        .init("create ServiceAccount/dfnsops-operator", "POST", "/auth/service-accounts", 1),
        .init("assign DfnsOps Reconciler to dfnsops-operator", "POST", assignments, 1),
        .init("create ServiceAccount/payments-signer", "POST", "/auth/service-accounts", 2),
        .init("assign Payments Initiator to payments-signer", "POST", assignments, 2),
        .init("create ServiceAccount/reporting-exporter", "POST", "/auth/service-accounts", 3),
        .init("assign Wallets Reader to reporting-exporter", "POST", assignments, 3),
        .init("create ServiceAccount/treasury-bot", "POST", "/auth/service-accounts", 4),
        .init("assign the first permission to treasury-bot", "POST", assignments, 4),
        .init("assign the second permission to treasury-bot", "POST", assignments, 5),
        .init("create PersonalAccessToken/ci-deployer", "POST", "/auth/pats", 1),
        .init("assign Wallets Reader to ci-deployer", "POST", assignments, 6),
        .init("create Webhook/audit-firehose", "POST", "/webhooks", 1),
        .init("create Webhook/treasury", "POST", "/webhooks", 2),
    ]

    @Test("the matrix names every mutating request of a clean apply, in order")
    func matrixCoversEveryMutatingRequest() async throws {
        try await ApplyOrganisation.with { organisation in
            try await organisation.emulator.resetRequestLedger()
            let clean = try await organisation.apply(["--parallelism", "1"])
            #expect(clean.status == 0, "\(clean)")
            let sent = CrashInjection.sentSteps(
                try await organisation.emulator.requestLedger().recent, among: Self.steps)
            #expect(sent == Self.steps.map(\.key))
        }
    }

    @Test("apply again after a crash converges to the clean state", arguments: steps, Crash.allCases)
    func recoversFromCrash(at step: MutatingStep, crash: Crash) async throws {
        try await ApplyOrganisation.with { organisation in
            try await CrashInjection.interrupt(organisation, at: step, by: crash)

            let recovery = try await organisation.apply()
            #expect(recovery.status == 0, "the recovery run should finish: \(recovery)")
            let problems = try await ApplyFinalState.problems(in: organisation)
            #expect(problems == [], "after recovery: \(recovery)")
            let plan = try await organisation.plan()
            #expect(plan.status == 0, "a plan after recovery should show no changes: \(plan)")
        }
    }
}
