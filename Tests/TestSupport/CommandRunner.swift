import Foundation

/// Runs an external command for tests (openssl, python, the built binaries) and captures its output.
package struct CommandResult: Sendable {
    package var status: Int32
    package var stdout: Data
    package var stderr: Data

    package var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    package var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

package enum CommandRunner {
    /// Runs `executable` with `arguments`, feeding `input` on stdin, and waits for it to exit.
    ///
    /// The process is started, fed and waited for on threads of their own (``OffPool``), never on the cooperative
    /// pool, so a slow command does not stall tests running beside it.
    package static func run(
        _ executable: String, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) async throws -> CommandResult {
        try await OffPool.run("dfnsops-tests command \(executable)") {
            try runBlocking(
                executable, arguments, input: input, environment: environment, currentDirectory: currentDirectory)
        }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], input: Data, environment: [String: String]?,
        currentDirectory: URL?
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Both pipes are drained on threads of their own while stdin is written, so a command that writes a lot
        // before reading its input cannot deadlock; dispatch queues are not used, as they may share the pool.
        let out = PipeReader(stdout.fileHandleForReading)
        let err = PipeReader(stderr.fileHandleForReading)
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: out.wait(), stderr: err.wait())
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe delivered, once it is closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A temporary directory removed when the value is no longer needed.
package final class TemporaryDirectory: Sendable {
    package let url: URL

    package init(prefix: String = "dfnsops-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
