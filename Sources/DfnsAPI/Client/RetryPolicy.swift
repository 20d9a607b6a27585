/// When and how long to wait before retrying an idempotent request: exponential backoff with full jitter,
/// or the server's `Retry-After` when it sends one.
public struct RetryPolicy: Sendable {
    /// How many times a request may be sent in all (1 = no retries).
    public var maxAttempts: Int
    /// The backoff cap before the first retry; it doubles with each attempt.
    public var baseDelay: Duration
    /// The largest backoff cap.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; longer values are cut to this.
    public var maxRetryAfter: Duration
    /// A random number in `0..<1` for the jitter (injectable for tests).
    public var random: @Sendable () -> Double
    /// Waits for a duration (injectable for tests).
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a policy.
    /// - Parameters:
    ///   - maxAttempts: attempts in all, at least 1 (default 5).
    ///   - baseDelay: the first backoff cap (default 250 ms).
    ///   - maxDelay: the largest backoff cap (default 30 s).
    ///   - maxRetryAfter: the longest `Retry-After` honoured (default 120 s).
    ///   - random: a source of numbers in `0..<1`.
    ///   - sleep: how to wait.
    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(120),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
        self.sleep = sleep
    }

    /// The wait before the next attempt.
    /// - Parameters:
    ///   - attempt: the number of the attempt that just failed, from 1.
    ///   - retryAfter: the server's `Retry-After`, when it sent one.
    /// - Returns: `retryAfter` (capped at `maxRetryAfter`), else a random duration between zero and
    ///   `min(maxDelay, baseDelay × 2^(attempt-1))`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
        let exponent = min(max(attempt - 1, 0), 30)
        let cap = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = min(max(random(), 0), 1)
        return cap * fraction
    }
}
