import Foundation
import Synchronization

/// A clock the tests set and advance by hand.
final class SecretStoreTestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    /// The clock as the closure stores take.
    var reading: @Sendable () -> Date { { self.now } }
}
