import Foundation
import Synchronization

/// A clock that moves only when told to: for token expiry, rotation overlaps and replay windows in tests.
public final class ManualEmulatorClock: EmulatorClock {
    private let current: Mutex<Date>

    /// Creates a clock stopped at `start`.
    /// - Parameter start: the first time the clock reads; defaults to the wall clock's current time.
    public init(start: Date = Date()) {
        current = Mutex(start)
    }

    /// The time the clock was last set or advanced to.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward by `seconds` (backwards when negative) and returns the new time.
    @discardableResult
    public func advance(by seconds: TimeInterval) -> Date {
        current.withLock { date in
            date = date.addingTimeInterval(seconds)
            return date
        }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
