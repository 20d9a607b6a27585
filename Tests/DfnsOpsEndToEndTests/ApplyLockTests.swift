import Foundation
import TestSupport
import Testing

/// The apply lock (`.dfnsops/apply.lock`, flock) keeps two applies on one working directory from interleaving.
@Suite("dfnsops apply lock")
struct ApplyLockTests {
    /// Slows the first observation of the organisation, so that the apply that takes the lock holds it a while.
    private func slowFirstObservation(_ organisation: ApplyOrganisation) async throws {
        try await organisation.emulator.addFault(
            .init(method: "GET", path: "/auth/service-accounts", action: "latency", nth: 1, latencyMs: 3000))
    }

    /// Waits until the lock file names a holder, and returns that text.
    private func lockHolder(_ organisation: ApplyOrganisation, while run: DfnsOpsProcess) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, run.isRunning {
            if let holder = try? organisation.workspace.read(".dfnsops/apply.lock"), holder.contains("pid") {
                return holder
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw ApplyTestFailure("the first apply never took the lock: \(run.standardErrorSoFar)")
    }

    @Test("two applies started together: one waits, naming the holder; both succeed; the state is a clean run's")
    func twoAppliesTogether() async throws {
        try await ApplyOrganisation.with { organisation in
            try await slowFirstObservation(organisation)
            let arguments = ["apply", "--auto-approve", ApplyOrganisation.manifests]
            let one = try organisation.launch(arguments)
            let two = try organisation.launch(arguments)
            let results = [try await one.finish(), try await two.finish()]
            let pids = [one.pid, two.pid]
            for result in results { #expect(result.status == 0, "\(result)") }

            let waited = results.indices.filter { results[$0].stderr.contains("Waiting for the apply lock") }
            try #require(waited.count == 1, "exactly one apply should have waited: \(results)")
            let waiter = waited[0]
            let holder = 1 - waiter
            #expect(
                results[waiter].stderr.contains("Waiting for the apply lock (pid \(pids[holder]) on "),
                "the waiting apply should name the holder: \(results[waiter])")
            #expect(results[holder].stdout.contains("Apply: 7 done"), "\(results[holder])")
            // The waiter planned only after the holder had finished, so it found nothing to do.
            #expect(results[waiter].stderr.contains("No changes."), "\(results[waiter])")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
        }
    }

    @Test("--lock-timeout 0 while another apply holds the lock: exit 1 naming the holder")
    func lockTimeoutZero() async throws {
        try await ApplyOrganisation.with { organisation in
            try await slowFirstObservation(organisation)
            let holding = try organisation.launch(["apply", "--auto-approve", ApplyOrganisation.manifests])
            let holder = try await lockHolder(organisation, while: holding)
            #expect(holder.hasPrefix("pid \(holding.pid) on "), "\(holder)")

            let refused = try await organisation.dfnsops([
                "apply", "--auto-approve", ApplyOrganisation.manifests, "--lock-timeout", "0",
            ])
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("another apply holds the lock"), "\(refused)")
            #expect(refused.stderr.contains("pid \(holding.pid) on "), "the refusal should name the holder: \(refused)")
            #expect(refused.stderr.contains("--lock-timeout"), "the refusal should say what to do: \(refused)")

            let held = try await holding.finish()
            #expect(held.status == 0, "\(held)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
        }
    }
}
