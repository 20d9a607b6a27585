import Synchronization

/// Counts the HTTP requests a client and its `acting(as:)` copies send, for `plan --stats`.
public final class RequestCounter: Sendable {
    private let count = Mutex(0)

    /// Creates a counter at zero.
    public init() {}

    /// The number of requests sent so far.
    public var value: Int { count.withLock { $0 } }

    /// Adds one request.
    func increment() {
        count.withLock { $0 += 1 }
    }
}
