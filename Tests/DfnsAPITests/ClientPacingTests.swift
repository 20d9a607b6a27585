import DfnsAPI
import Testing

@Suite struct ClientPacingTests {
    @Test func bucketLetsABurstThroughThenPaces() async throws {
        let bucket = TokenBucket(perMinute: 600, burst: 3)  // 10 per second after the burst
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<3 { try await bucket.acquire() }
        #expect(clock.now - start < .milliseconds(50))
        for _ in 0..<3 { try await bucket.acquire() }
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(280))
        #expect(elapsed < .seconds(2))
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
