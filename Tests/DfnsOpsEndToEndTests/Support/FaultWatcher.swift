import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGKILLs a `dfnsops` run once the emulator has received a request that a `latency` fault holds, for the crash
/// tests' "SIGKILL after send" cases.
///
/// It watches from a thread of its own, polling `GET /_emulator/faults` over a plain socket (``BlockingHTTP``), so
/// neither the cooperative pool nor dispatch queues — both shared by tests running in parallel — can delay the
/// kill. The kill must land while the emulator still holds the request: once it answers, `dfnsops` goes on to later
/// steps. The tests check that none of those reached the emulator, rather than trusting the hold to be long enough.
enum FaultWatcher {
    /// How long the emulator holds the request before handling it, in milliseconds: far longer than the watcher
    /// needs to see that the request arrived and kill the run, even on loaded cores.
    static let holdMs = 3000

    /// Polls until the emulator's first fault has fired, then kills `pid`; false if it never fired.
    static func sigkill(pid: Int32, whenFaultFires emulator: URL, within timeout: Duration) async -> Bool {
        let url = emulator.appendingPathComponent("_emulator/faults")
        return await OffPool.wait("dfnsops-tests fault watcher") {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if firstFaultFired(url) {
                    kill(pid, SIGKILL)
                    return true
                }
                usleep(5_000)
            }
            return false
        }
    }

    private static func firstFaultFired(_ url: URL) -> Bool {
        guard let (status, body) = try? BlockingHTTP.get(url), status == 200,
            let faults = try? JSONDecoder().decode([EmulatorProcess.FaultStatus].self, from: body)
        else { return false }
        return faults.first?.fired == 1
    }

    /// The position in `requests` of the `nth` (from 1) request that `matches`, or nil when there are fewer.
    static func index(
        ofNth nth: Int, in requests: [EmulatorProcess.RequestLedger.Entry],
        matching matches: (EmulatorProcess.RequestLedger.Entry) -> Bool
    ) -> Int? {
        var seen = 0
        for (index, request) in requests.enumerated() where matches(request) {
            seen += 1
            if seen == nth { return index }
        }
        return nil
    }
}
