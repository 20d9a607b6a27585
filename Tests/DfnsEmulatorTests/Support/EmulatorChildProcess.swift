import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `dfns-emulator` as a child process on a free loopback port, as the conformance script runs it.
///
/// Starts it with `--port 0 --bootstrap-out DIR`, waits for `listening on URL`, and reads `operator.env`.
final class EmulatorChildProcess: Sendable {
    /// Why the child could not start.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let url: String
    let operatorEnvironment: [String: String]
    let bootstrapDirectory: URL
    private let pid: Int32
    private let process: Mutex<Process?>

    /// The built binary: `$DFNS_EMULATOR_BIN`, beside the test bundle, or in `.build/debug`.
    static func binaryPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["DFNS_EMULATOR_BIN"] { return path }
        var candidates: [String] = []
        if let executable = Bundle.main.executableURL {
            var directory = executable.deletingLastPathComponent()
            while directory.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
                directory = directory.deletingLastPathComponent()
            }
            candidates.append(directory.appendingPathComponent("dfns-emulator").path)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(
                URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent()
                    .appendingPathComponent("dfns-emulator").path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/dfns-emulator").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts the child and waits for it to listen, on a thread of its own rather than the cooperative pool.
    static func launch(arguments: [String] = [], timeout: TimeInterval = 30) async throws -> EmulatorChildProcess {
        try await OffPool.run { try EmulatorChildProcess(arguments: arguments, timeout: timeout) }
    }

    private init(arguments: [String], timeout: TimeInterval) throws {
        guard let binary = Self.binaryPath() else {
            throw Failure(description: "dfns-emulator is not built; run `swift build --product dfns-emulator`")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dfns-emulator-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0", "--bootstrap-out", directory.path] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let output = Mutex(Data())
        let listening = DispatchSemaphore(value: 0)
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            let complete = output.withLock { data -> Bool in
                data.append(chunk)
                return chunk.isEmpty || data.contains(UInt8(ascii: "\n"))
            }
            if complete {
                handle.readabilityHandler = nil
                listening.signal()
            }
        }
        try process.run()
        guard listening.wait(timeout: .now() + timeout) == .success else {
            process.terminate()
            throw Failure(description: "dfns-emulator did not print 'listening on' within \(Int(timeout)) s")
        }
        let line = output.withLock { String(decoding: $0, as: UTF8.self) }
        guard let range = line.range(of: "listening on ") else {
            process.terminate()
            throw Failure(description: "dfns-emulator exited or printed something else: \(line)")
        }
        url = String(line[range.upperBound...].prefix { !$0.isNewline })
        bootstrapDirectory = directory
        let text = try String(contentsOf: directory.appendingPathComponent("operator.env"), encoding: .utf8)
        var environment: [String: String] = [:]
        for entry in text.split(separator: "\n") {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { environment[parts[0]] = parts[1] }
        }
        operatorEnvironment = environment
        pid = process.processIdentifier
        self.process = Mutex(process)
    }

    /// Sends `signal`, waits (on a thread of its own) for the child to exit, and returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) async -> Int32 {
        await OffPool.wait { self.stopBlocking(signal: signal) }
    }

    @discardableResult
    private func stopBlocking(signal: Int32) -> Int32 {
        let taken = process.withLock { value -> Process? in
            defer { value = nil }
            return value
        }
        guard let taken else { return 0 }
        kill(pid, signal)
        taken.waitUntilExit()
        return taken.terminationStatus
    }

    deinit {
        stopBlocking(signal: SIGKILL)
    }
}
