/// Paces requests to a rate per minute: a token bucket that holds a short burst and refills continuously.
///
/// Callers that find it empty reserve a token and wait for it, so waiting callers are served in arrival order.
public actor TokenBucket {
    private let perSecond: Double
    private let capacity: Double
    private var available: Double
    private var updated: Duration
    private let now: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a full bucket.
    /// - Parameters:
    ///   - perMinute: the sustained rate, at least 1.
    ///   - burst: how many requests may go at once; default a tenth of a minute's worth, at least 1.
    public init(perMinute: Int, burst: Int? = nil) {
        let clock = ContinuousClock()
        let origin = clock.now
        self.init(
            perMinute: perMinute, burst: burst, now: { origin.duration(to: clock.now) },
            sleep: { try await clock.sleep(for: $0) })
    }

    /// Creates a full bucket that reads the time from `now` and waits with `sleep` (injectable for tests).
    /// - Parameters:
    ///   - perMinute: the sustained rate, at least 1.
    ///   - burst: how many requests may go at once; default a tenth of a minute's worth, at least 1.
    ///   - now: the time elapsed since any fixed origin.
    ///   - sleep: how to wait.
    public init(
        perMinute: Int, burst: Int? = nil, now: @escaping @Sendable () -> Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        perSecond = Double(max(perMinute, 1)) / 60
        capacity = Double(max(burst ?? perMinute / 10, 1))
        available = capacity
        self.now = now
        self.sleep = sleep
        updated = now()
    }

    /// Takes one token, waiting until one is available.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func acquire() async throws {
        let now = self.now()
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        available = min(capacity, available + seconds * perSecond)
        updated = now
        available -= 1
        guard available < 0 else { return }
        try await self.sleep(.seconds(-available / perSecond))
    }
}
