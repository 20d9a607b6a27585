import Foundation
import Synchronization

/// A counting semaphore for tests: at most `count` holders at once, the others suspended (never blocking a thread)
/// and let in in arrival order.
///
/// Swift Testing starts every test of a parallel run at once. Tests that each start a `dfns-emulator` and a series
/// of `dfnsops` processes would then all compete for two cores together, so that each one's runs take minutes and
/// time out; ``organisations`` lets a few run at a time instead, which finishes the whole run as fast.
package actor TestSlots {
    /// Slots for end-to-end organisations: one `dfns-emulator` process and the `dfnsops` runs against it.
    /// ``EmulatorProcess/launch(arguments:seed:timeout:)`` takes one and ``EmulatorProcess/stop()`` gives it back.
    /// Three per core by default (much of their time is spent waiting on each other or on a held request);
    /// `DFNSOPS_TEST_ORGANISATIONS=N` sets another number. A test runs one emulator at a time: one that started a
    /// second while holding the first could wait for itself.
    package static let organisations = TestSlots(
        count: ProcessInfo.processInfo.environment["DFNSOPS_TEST_ORGANISATIONS"].flatMap { Int($0) }
            ?? max(4, 3 * ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Creates a semaphore with `count` slots (at least one).
    package init(count: Int) {
        free = max(1, count)
    }

    /// Takes a slot, suspending until one is free.
    /// - Returns: the slot, to give back with ``Slot/release()`` exactly when the work that needed it is over.
    package func acquire() async -> Slot {
        if free > 0 {
            free -= 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        return Slot(owner: self)
    }

    fileprivate func giveBack() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// One taken slot; releasing it more than once gives it back once.
    package final class Slot: Sendable {
        private let owner: TestSlots
        private let released = Mutex(false)

        fileprivate init(owner: TestSlots) {
            self.owner = owner
        }

        /// Gives the slot back (once).
        package func release() async {
            let first = released.withLock { wasReleased -> Bool in
                defer { wasReleased = true }
                return !wasReleased
            }
            if first { await owner.giveBack() }
        }

        deinit {
            if !released.withLock({ $0 }) {
                let owner = owner
                Task { await owner.giveBack() }
            }
        }
    }
}
