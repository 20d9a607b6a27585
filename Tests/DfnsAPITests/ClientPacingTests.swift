import DfnsAPI
import Synchronization
import Testing

@Suite struct ClientPacingTests {
    /// A clock for the bucket that only moves when a test (or, with `sleepAdvances`, a wait) moves it, and that
    /// records every wait the bucket asks for.
    final class TestClock: Sendable {
        private let state = Mutex<(now: Duration, waits: [Duration])>((.zero, []))
        let sleepAdvances: Bool

        init(sleepAdvances: Bool) {
            self.sleepAdvances = sleepAdvances
        }

        var now: Duration { state.withLock { $0.now } }
        var waits: [Duration] { state.withLock { $0.waits } }

        func advance(by duration: Duration) { state.withLock { $0.now += duration } }

        func sleep(_ duration: Duration) {
            state.withLock {
                $0.waits.append(duration)
                if sleepAdvances { $0.now += duration }
            }
        }

        func bucket(perMinute: Int, burst: Int) -> TokenBucket {
            TokenBucket(
                perMinute: perMinute, burst: burst, now: { self.now }, sleep: { self.sleep($0) })
        }
    }

    /// Whether two durations agree to within a microsecond (the bucket computes in floating point).
    static func close(_ actual: [Duration], _ expected: [Duration]) -> Bool {
        actual.count == expected.count
            && zip(actual, expected).allSatisfy { abs(($0 - $1) / .microseconds(1)) < 1 }
    }

    @Test func bucketLetsABurstThroughThenPaces() async throws {
        let clock = TestClock(sleepAdvances: true)
        let bucket = clock.bucket(perMinute: 600, burst: 3)  // 10 per second after the burst
        for _ in 0..<3 { try await bucket.acquire() }
        #expect(clock.waits == [], "the burst goes through without waiting")
        for _ in 0..<3 { try await bucket.acquire() }
        #expect(Self.close(clock.waits, Array(repeating: .milliseconds(100), count: 3)), "\(clock.waits)")
        #expect(Self.close([clock.now], [.milliseconds(300)]))

        // A quiet spell refills the bucket up to the burst, never beyond it.
        clock.advance(by: .seconds(60))
        for _ in 0..<3 { try await bucket.acquire() }
        #expect(clock.waits.count == 3, "a refilled burst goes through without waiting")
        try await bucket.acquire()
        #expect(Self.close(Array(clock.waits.dropFirst(3)), [.milliseconds(100)]), "\(clock.waits)")
    }

    @Test func waitingCallersReserveTokensInTurn() async throws {
        let clock = TestClock(sleepAdvances: false)
        let bucket = clock.bucket(perMinute: 600, burst: 2)
        for _ in 0..<5 { try await bucket.acquire() }
        // No time passes: the third, fourth and fifth callers each wait for a later token than the one before.
        #expect(
            Self.close(clock.waits, [.milliseconds(100), .milliseconds(200), .milliseconds(300)]), "\(clock.waits)")
    }

    @Test func backoffIsFullJitterUnderAnExponentialCap() {
        let policy = RetryPolicy(
            baseDelay: .milliseconds(100), maxDelay: .seconds(1), random: { 0.999_999 }, sleep: { _ in })
        let delays = (1...6).map { policy.delay(afterAttempt: $0, retryAfter: nil) }
        let caps: [Duration] = [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
        ]
        for (delay, cap) in zip(delays, caps) {
            #expect(delay <= cap && delay > cap * 0.99)
        }
        let zero = RetryPolicy(random: { 0 }, sleep: { _ in })
        #expect(zero.delay(afterAttempt: 3, retryAfter: nil) == .zero)
    }

    @Test func retryAfterWinsAndIsCapped() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(10), random: { 0 }, sleep: { _ in })
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(10))
    }

    @Test func outcomeAccessors() {
        let done = MutationOutcome<Int>.done(3)
        #expect(done.value == 3 && done.pendingApproval == nil)
        #expect(done.map { $0 * 2 } == .done(6))
        let pending = MutationOutcome<Int>.pendingApproval(PendingApproval(body: .null))
        #expect(pending.value == nil)
        #expect(pending.map { $0 * 2 } == .pendingApproval(PendingApproval(body: .null)))
    }
}
