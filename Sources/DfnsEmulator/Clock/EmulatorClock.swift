import Foundation

/// The emulator's source of time: token expiry, challenge lifetimes, rate-limit windows and dates on objects.
///
/// Inject `ManualEmulatorClock` to move time by hand (the `--manual-clock` flag and the admin clock API).
public protocol EmulatorClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct SystemEmulatorClock: EmulatorClock {
    /// Creates a wall clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }
}
