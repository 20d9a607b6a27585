import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One mutating request of a clean `apply --parallelism 1`, for a crash matrix: the `nth` request matching `method`
/// and the glob `path` (ids are generated, so requests to one endpoint are told apart by order).
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

    var testDescription: String { "\(label) (\(key))" }

    /// `METHOD glob #nth`, as ``CrashInjection/sentSteps(_:among:)`` names a request.
    var key: String { "\(method) \(path) #\(nth)" }

    /// Whether a request matches the step's method and path glob (`*` spans `/`, as in the emulator).
    func matches(method: String, path: String) -> Bool {
        method == self.method && fnmatch(self.path, path, 0) == 0
    }
}

/// How a crash-matrix case interrupts the run.
enum Crash: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// The emulator applies the mutation, then closes the connection without answering.
    case commitThenDrop = "commit-then-drop"
    /// dfnsops is SIGKILLed once the request has reached the emulator, which then applies it.
    case sigkillAfterSend = "SIGKILL after send"

    var testDescription: String { rawValue }
}

/// The machinery the apply crash matrices share: interrupt one mutating request of `apply --auto-approve
/// manifests/examples --parallelism 1` in an ``ApplyOrganisation``, and name what a clean run sent.
enum CrashInjection {
    /// The mutating requests in `requests`, each named `METHOD glob #n` after the first step whose method and glob
    /// match it (`n` counts the requests that glob named so far), or `METHOD path` when no step matches.
    static func sentSteps(_ requests: [EmulatorProcess.RequestLedger.Entry], among steps: [MutatingStep]) -> [String] {
        var seen: [String: Int] = [:]
        var sent: [String] = []
        for request in requests where request.mutating {
            guard let step = steps.first(where: { $0.matches(method: request.method, path: request.path) }) else {
                sent.append("\(request.method) \(request.path)")
                continue
            }
            let glob = "\(step.method) \(step.path)"
            seen[glob, default: 0] += 1
            sent.append("\(glob) #\(seen[glob] ?? 0)")
        }
        return sent
    }

    /// Runs `apply --auto-approve manifests/examples --parallelism 1` and interrupts it at `step` as `crash` says;
    /// the emulator's faults are removed afterwards.
    static func interrupt(_ organisation: ApplyOrganisation, at step: MutatingStep, by crash: Crash) async throws {
        let emulator = organisation.emulator
        switch crash {
        case .commitThenDrop:
            try await emulator.addFault(
                .init(method: step.method, path: step.path, action: "commit-then-drop", nth: step.nth))
            let crashed = try await organisation.apply(["--parallelism", "1"])
            #expect(crashed.status == 1, "the dropped request should fail the run: \(crashed)")
            #expect(try await emulator.faults().first?.fired == 1, "the fault never fired: \(crashed)")
        case .sigkillAfterSend:
            try await killAfterSend(organisation, step: step)
        }
        try await emulator.removeAllFaults()
    }

    /// Holds the step's request in the emulator (latency before it is handled), SIGKILLs dfnsops once the
    /// request has arrived, and waits until the emulator has handled it. Then checks that the kill came in time:
    /// no mutating request after the step's reached the emulator (a late kill would test a later step).
    private static func killAfterSend(_ organisation: ApplyOrganisation, step: MutatingStep) async throws {
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
