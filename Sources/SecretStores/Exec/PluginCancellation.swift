import Synchronization

/// A flag the task-cancellation handler sets and the plugin thread polls.
final class PluginCancellation: Sendable {
    private let cancelled = Mutex(false)

    var isCancelled: Bool { cancelled.withLock { $0 } }

    func cancel() { cancelled.withLock { $0 = true } }
}
