import DfnsAPI
import DfnsOpsCore
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The apply lock (flock on `org-<digest of the org id>.lock` in the per-user lock directory, here under the
/// workspace's `XDG_RUNTIME_DIR`) keeps two applies to one organisation from interleaving, from one working
/// directory or two; it refuses a lock path that is not a regular file of the user's, leaving it untouched.
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

    /// The organisation's lock file: named for the org id in the operator token's claims, by digest only.
    private func lockFile(_ organisation: ApplyOrganisation) throws -> URL {
        guard let orgId = TokenExpiry.organisation(jwt: organisation.emulator.operatorToken) else {
            throw ApplyTestFailure("the emulator's operator token names no organisation")
        }
        let digest = Fingerprint.of(Array(orgId.utf8)).dropFirst(Fingerprint.prefix.count)
        return organisation.workspace.runtimeDirectory.appendingPathComponent("dfnsops/locks/org-\(digest).lock")
    }

    /// Waits until the lock file names a holder, and returns that text.
    private func lockHolder(_ organisation: ApplyOrganisation, while runs: DfnsOpsProcess...) async throws -> String {
        let lock = try lockFile(organisation)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, runs.contains(where: \.isRunning) {
            if let holder = try? String(contentsOf: lock, encoding: .utf8), holder.contains("pid") {
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

    /// The `lock` field and the results of a JSON apply report.
    private func report(_ result: DfnsOpsResult) throws -> (lock: String?, statuses: [String]) {
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            let results = object["results"] as? [[String: Any]]
        else { throw ApplyTestFailure("not an apply report: \(result)") }
        return (object["lock"] as? String, results.compactMap { $0["status"] as? String })
    }

    @Test("two applies to one organisation from two working directories: the second waits for the first")
    func twoWorkingDirectories() async throws {
        try await ApplyOrganisation.with { organisation in
            try await slowFirstObservation(organisation)
            // Another checkout of the same manifests, on the same machine (the same user's lock directory), whose
            // store is the first checkout's, so that the run that comes second finds the keys the first wrote.
            let checkout = try PlanWorkspace(
                manifests: [(MixedOrganisation.examples, ApplyOrganisation.manifests)], emulator: organisation.emulator,
                runtimeDirectory: organisation.workspace.runtimeDirectory)
            let store = organisation.workspace.directory.file(PlanWorkspace.storeDirectory).path
            try checkout.write(
                PlanWorkspace.fileStoreManifest(directory: store),
                to: ApplyOrganisation.manifests + "/stores/local.yaml")
            let arguments = ["apply", "--auto-approve", ApplyOrganisation.manifests, "--format", "json"]
            let first = try organisation.launch(arguments)
            let holder = try await lockHolder(organisation, while: first)
            #expect(holder.hasPrefix("pid \(first.pid) on "), "\(holder)")
            // The first is stopped, holding the lock, until the second (elsewhere) waits for it.
            kill(first.pid, SIGSTOP)
            let second: DfnsOpsProcess
            do {
                second = try DfnsOpsProcess(arguments: arguments, workspace: checkout)
                try await metTheLock(second)
            } catch {
                kill(first.pid, SIGCONT)
                throw error
            }
            kill(first.pid, SIGCONT)
            let (one, two) = (try await first.finish(), try await second.finish())
            #expect(one.status == 0, "\(one)")
            #expect(two.status == 0, "\(two)")
            #expect(!one.stderr.contains("Waiting for the apply lock"), "\(one)")
            #expect(
                two.stderr.contains("Waiting for the apply lock (pid \(first.pid) on "),
                "the second checkout's apply should wait for the first, naming it: \(two)")

            // The first did the work; the second planned only after it had finished, and found nothing to do.
            let lock = try lockFile(organisation).path
            let (firstReport, secondReport) = (try report(one), try report(two))
            #expect(firstReport.statuses.count == 7 && firstReport.statuses.allSatisfy { $0 == "done" }, "\(one)")
            #expect(two.stderr.contains("No changes."), "\(two)")
            #expect(secondReport.statuses == [], "\(two)")
            // Both reports name the one lock they shared.
            #expect(firstReport.lock == lock, "\(one)")
            #expect(secondReport.lock == lock, "\(two)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
        }
    }

    @Test("a lock path that is a symbolic link, or a FIFO, is refused naming it; nothing else is touched or sent")
    func lockThatIsNotARegularFile() async throws {
        try await ApplyOrganisation.with { organisation in
            let lock = try lockFile(organisation)
            let manager = FileManager.default
            try manager.createDirectory(
                at: lock.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            let target = organisation.workspace.directory.file("precious.txt")
            try Data("keep me\n".utf8).write(to: target)
            try manager.createSymbolicLink(at: lock, withDestinationURL: target)

            let linked = try await organisation.apply()
            #expect(linked.status == 1, "\(linked)")
            #expect(linked.stderr.contains("refusing the apply lock \(lock.path)"), "\(linked)")
            #expect(linked.stderr.contains("symbolic link"), "the refusal should say why: \(linked)")
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n", "the link's target was changed")
            #expect(try manager.destinationOfSymbolicLink(atPath: lock.path) == target.path)

            try manager.removeItem(at: lock)
            #expect(mkfifo(lock.path, 0o600) == 0)
            let fifo = try await organisation.apply()
            #expect(fifo.status == 1, "\(fifo)")
            #expect(fifo.stderr.contains("refusing the apply lock \(lock.path): it is not a regular file"), "\(fifo)")

            #expect(try await organisation.emulator.requestLedger().total == 0, "a refused apply sent a request")
        }
    }
}
