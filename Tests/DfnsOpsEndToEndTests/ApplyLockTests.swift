import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The apply lock (`.dfnsops/apply.lock`, flock) keeps two applies on one working directory from interleaving.
///
/// Once an apply holds the lock, the test stops it (SIGSTOP) until the other run has met the lock, then lets it go
/// on (SIGCONT): the other run meets a held lock however slowly a loaded machine starts it, instead of racing a
/// fixed delay.
@Suite("dfnsops apply lock")
struct ApplyLockTests {
    /// Slows the first observation of the organisation, so that the apply that takes the lock holds it long enough
    /// for the test to see the lock file name it (and stop it).
    private func slowFirstObservation(_ organisation: ApplyOrganisation) async throws {
        try await organisation.emulator.addFault(
            .init(method: "GET", path: "/auth/service-accounts", action: "latency", nth: 1, latencyMs: 3000))
    }

    /// Waits until the lock file names a holder, and returns that text.
    private func lockHolder(_ organisation: ApplyOrganisation, while runs: DfnsOpsProcess...) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, runs.contains(where: \.isRunning) {
            if let holder = try? organisation.workspace.read(".dfnsops/apply.lock"), holder.contains("pid") {
                return holder
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw ApplyTestFailure("no apply took the lock: \(runs.map(\.standardErrorSoFar))")
    }

    /// Waits until `run` has met the held lock: it said it is waiting, or it ended (refused).
    private func metTheLock(_ run: DfnsOpsProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while run.isRunning, !run.standardErrorSoFar.contains("Waiting for the apply lock") {
            guard ContinuousClock.now < deadline else {
                throw ApplyTestFailure("the second apply never reached the lock: \(run.standardErrorSoFar)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("two applies started together: one waits, naming the holder; both succeed; the state is a clean run's")
    func twoAppliesTogether() async throws {
        try await ApplyOrganisation.with { organisation in
            try await slowFirstObservation(organisation)
            let arguments = ["apply", "--auto-approve", ApplyOrganisation.manifests]
            let one = try organisation.launch(arguments)
            let two = try organisation.launch(arguments)
            // Whichever took the lock is stopped until the other waits for it.
            let holding = try await lockHolder(organisation, while: one, two)
            let (stopped, other) = holding.hasPrefix("pid \(one.pid) on ") ? (one, two) : (two, one)
            kill(stopped.pid, SIGSTOP)
            do {
                try await metTheLock(other)
            } catch {
                kill(stopped.pid, SIGCONT)
                throw error
            }
            kill(stopped.pid, SIGCONT)
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

            // The holder is stopped while the second apply runs, so it still holds the lock when that one asks.
            kill(holding.pid, SIGSTOP)
            let refused: DfnsOpsResult
            do {
                refused = try await organisation.dfnsops([
                    "apply", "--auto-approve", ApplyOrganisation.manifests, "--lock-timeout", "0",
                ])
            } catch {
                kill(holding.pid, SIGCONT)
                throw error
            }
            kill(holding.pid, SIGCONT)
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
