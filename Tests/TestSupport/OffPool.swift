import Foundation

/// Runs blocking work — waiting for a process, a blocking read, a poll with `usleep` — on a thread of its own.
///
/// Swift Testing runs tests in parallel on Swift's cooperative pool, which has one thread per core: two on a
/// two-core machine. A test that blocks a pool thread (`waitUntilExit`, `readDataToEndOfFile`, `usleep`) stalls
/// every other test until it returns, so helpers hand such waits to a dedicated thread and suspend instead.
package enum OffPool {
    /// Runs `body` on a new thread and returns (or throws) what it does, suspending the caller meanwhile.
    /// - Parameters:
    ///   - name: the thread's name, seen in a debugger or a crash report.
    ///   - body: blocking work.
    package static func run<Value: Sendable>(
        _ name: String = "dfnsops-tests blocking wait", _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }

    /// Runs non-throwing `body` on a new thread, suspending the caller meanwhile.
    package static func wait<Value: Sendable>(
        _ name: String = "dfnsops-tests blocking wait", _ body: @escaping @Sendable () -> Value
    ) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }
}

extension Process {
    /// Waits for the process to exit without holding a thread of the cooperative pool.
    package func exited() async {
        nonisolated(unsafe) let process = self
        await OffPool.wait("dfnsops-tests process wait") { process.waitUntilExit() }
    }
}
