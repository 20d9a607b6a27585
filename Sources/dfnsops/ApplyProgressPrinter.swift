import DfnsOpsCore
import Foundation

/// Prints a line to standard error as each action starts and ends: `[2/7] ✓ create Webhook/treasury (0.31s)`.
final class ApplyProgressPrinter: Sendable {
    let total: Int
    let style: TerminalStyle
    private let counter = Counter()

    init(total: Int, style: TerminalStyle) {
        self.total = total
        self.style = style
    }

    /// Counts finished actions across concurrent callbacks.
    private final class Counter: @unchecked Sendable {
        // Guarded by `lock`; the apply engine reports from several tasks at once.
        private let lock = NSLock()
        private var finished = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            finished += 1
            return finished
        }
    }

    func handle(_ event: ApplyEvent) {
        switch event {
        case .started(let action):
            StandardStreams.err("       → \(action.type.rawValue) \(action.address)\n")
        case .finished(let result):
            let position = "[\(counter.next())/\(total)]"
            let mark: String =
                switch result.status {
                case .done: style.green("✓")
                case .pendingApproval: style.yellow("…")
                case .blocked: style.red("!")
                case .skipped: style.dim("-")
                case .failed: style.red("✗")
                }
            let time = result.durationSeconds.map { String(format: " (%.2fs)", $0) } ?? ""
            StandardStreams.err(
                "\(position) \(mark) \(result.type.rawValue) \(result.kind.rawValue)/\(result.name)\(time): \(result.message)\n"
            )
        }
    }
}
