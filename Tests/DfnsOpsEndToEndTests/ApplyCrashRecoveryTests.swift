import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The crash-recovery matrix of issue 7: every mutating request of applying `manifests/examples`, interrupted
/// in two ways, then `apply` again without the fault. Every case must end exactly as a clean run does
/// (``ApplyFinalState``): one object per marker, each with its secret in the store's `current` stage and the
/// store's key being the live credential's key, and a plan with no changes.
@Suite("dfnsops apply recovers from a crash at every mutating step")
struct ApplyCrashRecoveryTests {
    /// One mutating request of a clean `apply --parallelism 1 manifests/examples`: the `nth` request matching
    /// `method` and the glob `path` (permission ids are generated, so assignments are told apart by order).
    struct MutatingStep: Sendable, CustomTestStringConvertible {
        var label: String
        var method: String
        var path: String
        var nth: Int

        init(_ label: String, _ method: String, _ path: String, _ nth: Int) {
            self.label = label
            self.method = method
            self.path = path
            self.nth = nth
        }

        var testDescription: String { "\(label) (\(method) \(path) #\(nth))" }

        /// Whether a request matches the step's method and path glob (`*` spans `/`, as in the emulator).
        func matches(method: String, path: String) -> Bool {
            method == self.method && fnmatch(self.path, path, 0) == 0
        }
    }

    /// How the run is interrupted.
    enum Crash: String, Sendable, CaseIterable, CustomTestStringConvertible {
        /// The emulator applies the mutation, then closes the connection without answering.
        case commitThenDrop = "commit-then-drop"
        /// dfnsops is SIGKILLed once the request has reached the emulator, which then applies it.
        case sigkillAfterSend = "SIGKILL after send"

        var testDescription: String { rawValue }
    }

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
            let mutating = try await organisation.emulator.requestLedger().recent.filter(\.mutating)
            var seen: [String: Int] = [:]
            var sent: [String] = []
            for request in mutating {
                let glob = request.path.hasPrefix("/permissions/") ? Self.assignments : request.path
                let key = "\(request.method) \(glob)"
                seen[key, default: 0] += 1
                sent.append("\(key) #\(seen[key] ?? 0)")
            }
            #expect(sent == Self.steps.map { "\($0.method) \($0.path) #\($0.nth)" })
        }
    }

    @Test("apply again after a crash converges to the clean state", arguments: steps, Crash.allCases)
    func recoversFromCrash(at step: MutatingStep, crash: Crash) async throws {
        try await ApplyOrganisation.with { organisation in
            let emulator = organisation.emulator
            switch crash {
            case .commitThenDrop:
                try await emulator.addFault(
                    .init(method: step.method, path: step.path, action: "commit-then-drop", nth: step.nth))
                let crashed = try await organisation.apply(["--parallelism", "1"])
                #expect(crashed.status == 1, "the dropped request should fail the run: \(crashed)")
            case .sigkillAfterSend:
                try await killAfterSend(organisation, step: step)
            }
            try await emulator.removeAllFaults()

            let recovery = try await organisation.apply()
            #expect(recovery.status == 0, "the recovery run should finish: \(recovery)")
            let problems = try await ApplyFinalState.problems(in: organisation)
            #expect(problems == [], "after recovery: \(recovery)")
            let plan = try await organisation.plan()
            #expect(plan.status == 0, "a plan after recovery should show no changes: \(plan)")
        }
    }

    /// Holds the step's request in the emulator (latency before it is handled), SIGKILLs dfnsops once the
    /// request has arrived, and waits until the emulator has handled it. Then checks that the kill came in time:
    /// no mutating request after the step's reached the emulator (a late kill would test a later step).
    private func killAfterSend(_ organisation: ApplyOrganisation, step: MutatingStep) async throws {
        let emulator = organisation.emulator
        try await emulator.addFault(
            .init(
                method: step.method, path: step.path, action: "latency", nth: step.nth,
                latencyMs: FaultWatcher.holdMs))
        try await emulator.resetRequestLedger()
        let run = try organisation.launch([
            "apply", "--auto-approve", ApplyOrganisation.manifests, "--parallelism", "1",
        ])
        let deadline = ContinuousClock.now + .seconds(60)
        let fired = await FaultWatcher.sigkill(pid: run.pid, whenFaultFires: emulator.baseURL, within: .seconds(60))
        guard fired else {
            run.sigkill()
            let result = try await run.finish()
            throw ApplyTestFailure("the request of '\(step.label)' never reached the emulator: \(result)")
        }
        let killed = try await run.finish()
        #expect(killed.status == 128 + SIGKILL, "dfnsops should have died by SIGKILL: \(killed)")
        // The ledger records a request once the emulator has finished handling it.
        var recent: [EmulatorProcess.RequestLedger.Entry] = []
        var held: Int?
        while held == nil {
            guard ContinuousClock.now < deadline else {
                throw ApplyTestFailure("the emulator never finished handling the request of '\(step.label)'")
            }
            try await Task.sleep(for: .milliseconds(20))
            recent = try await emulator.requestLedger().recent
            held = FaultWatcher.index(ofNth: step.nth, in: recent) { step.matches(method: $0.method, path: $0.path) }
        }
        let index = try #require(held)
        let status = recent[index].status
        #expect((200..<300).contains(status), "the emulator should have applied the request after the kill: \(status)")
        let later = recent[(index + 1)...].filter(\.mutating)
        #expect(
            later.isEmpty,
            "dfnsops was killed only after the emulator answered '\(step.label)', so this case tested a later step: \(later)"
        )
    }
}
