import DfnsOpsCore
import Foundation

/// Prints a line to standard error as each action starts and ends: `[2/7] ✓ create Webhook/treasury (0.31s)`.
///
/// On a terminal (`live`), the start lines are replaced by one status line, redrawn in place, naming the
/// actions still running; in CI every start and end is a plain line.
final class ApplyProgressPrinter: Sendable {
    let total: Int
    let style: TerminalStyle
    let live: Bool
    private let state = State()

    init(total: Int, style: TerminalStyle, live: Bool = false) {
        self.total = total
        self.style = style
        self.live = live
    }

    /// Finished count and running actions, shared by the engine's concurrent callbacks.
    private final class State: @unchecked Sendable {
        // Guarded by `lock`; the apply engine reports from several tasks at once.
        private let lock = NSLock()
        private var finished = 0
        private var running: [String] = []

        func withLock<T>(_ body: (inout Int, inout [String]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&finished, &running)
        }
    }

    func handle(_ event: ApplyEvent) {
        switch event {
        case .started(let action):
            let label = "\(action.type.rawValue) \(action.address)"
            let running = state.withLock { _, running in
                running.append(label)
                return running
            }
            if live {
                StandardStreams.err("\r\u{1B}[K" + statusLine(running))
            } else {
                StandardStreams.err("       → \(label)\n")
            }
        case .finished(let result):
            let label = "\(result.type.rawValue) \(result.kind.rawValue)/\(result.name)"
            let (position, running) = state.withLock { finished, running in
                finished += 1
                running.removeAll { $0 == label }
                return (finished, running)
            }
            let mark: String =
                switch result.status {
                case .done: style.green("✓")
                case .pendingApproval: style.yellow("…")
                case .blocked: style.red("!")
                case .skipped: style.dim("-")
                case .failed: style.red("✗")
                }
            let time = result.durationSeconds.map { String(format: " (%.2fs)", $0) } ?? ""
            let line = "[\(position)/\(total)] \(mark) \(label)\(time): \(result.message)\n"
            if live {
                StandardStreams.err("\r\u{1B}[K" + line + (running.isEmpty ? "" : statusLine(running)))
            } else {
                StandardStreams.err(line)
            }
        }
    }

    private func statusLine(_ running: [String]) -> String {
        style.dim("  running: " + running.joined(separator: ", "))
    }
}
