import Foundation

/// Counts requests per organisation over a sliding minute and refuses those past the limit.
actor RateLimiter {
    private let clock: any EmulatorClock
    private var limit: Int
    private var recent: [String: [Date]] = [:]

    /// Creates a limiter allowing `limit` requests per minute per organisation; 0 turns it off.
    init(limit: Int, clock: any EmulatorClock) {
        self.limit = limit
        self.clock = clock
    }

    /// Changes the limit (admin API); 0 turns limiting off.
    func setLimit(_ limit: Int) {
        self.limit = limit
        recent.removeAll()
    }

    /// The current limit.
    func currentLimit() -> Int { limit }

    /// Admits one request of `orgId`, or returns how many seconds to wait before retrying.
    func admit(orgId: String) -> Int? {
        guard limit > 0 else { return nil }
        let now = clock.now()
        let windowStart = now.addingTimeInterval(-60)
        var times = recent[orgId, default: []].filter { $0 > windowStart }
        defer { recent[orgId] = times }
        if times.count >= limit {
            let oldest = times.first ?? now
            return max(1, Int(oldest.timeIntervalSince(windowStart).rounded(.up)))
        }
        times.append(now)
        return nil
    }
}
