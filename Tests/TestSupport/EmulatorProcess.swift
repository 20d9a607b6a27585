import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `dfns-emulator` process on a free loopback port, for end-to-end and executable tests.
///
/// Started with `--port 0 --admin --bootstrap-out DIR` (and `--seed FILE` when given fixtures); the port comes
/// from the `listening on http://127.0.0.1:N` line it prints. ``stop()`` ends it (SIGTERM, then SIGKILL after five
/// seconds) and is also called when the value is released; ``withEmulator(seed:arguments:_:)`` stops it when the
/// test body returns or throws. Starting and stopping wait on a thread of their own (``OffPool``), never on the
/// cooperative pool that parallel tests share, and a running emulator holds one of the
/// ``TestSlots/organisations`` slots, so that only a few end-to-end tests run at a time.
package final class EmulatorProcess: Sendable {
    /// The emulator's base URL as text, `http://127.0.0.1:N` (the same as `DFNS_API_URL`).
    package let url: String
    /// The emulator's base URL.
    package let baseURL: URL
    /// The variables of the emulator's `operator.env`: `DFNS_API_URL`, `DFNS_AUTH_TOKEN`, `DFNS_CRED_ID`,
    /// `DFNS_PRIVATE_KEY` (a key file's path), `DFNS_ORG_ID`, `DFNS_USER_ID`.
    package let operatorEnvironment: [String: String]
    /// Where `--bootstrap-out` wrote `operator.env` and `operator-key.pem`.
    package let bootstrapDirectory: URL
    /// The directory holding the seed, the bootstrap files and the emulator's logs; removed with this value.
    package let directory: TemporaryDirectory
    private let process: Process
    private let slot: TestSlots.Slot

    /// A failure to start or talk to the emulator.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String

        package init(description: String) {
            self.description = description
        }
    }

    /// The built `dfns-emulator`'s path, or nil when it is not built.
    package static func binaryPath() -> String? {
        (try? BuiltProducts.emulator())?.path
    }

    /// Starts an emulator once an organisation slot is free, and waits until it accepts requests, without holding a
    /// thread of the cooperative pool.
    /// - Parameters:
    ///   - arguments: more `dfns-emulator` options, such as `--rate-limit 0`. `--admin` and `--log-level notice`
    ///     are added unless given.
    ///   - seed: the `--seed` JSON (Sources/DfnsEmulator/Store/EmulatorSeed.swift), or nil for an empty org.
    ///   - timeout: how long to wait for the `listening on` line, in seconds.
    /// - Throws: ``BuiltProducts/MissingProduct`` when the binary is not built, ``Failure`` when it exits or
    ///   does not start in time (with its log).
    package static func launch(arguments: [String] = [], seed: Data? = nil, timeout: TimeInterval = 30) async throws
        -> EmulatorProcess
    {
        let slot = await TestSlots.organisations.acquire()
        do {
            return try await OffPool.run("dfnsops-tests emulator start") {
                try EmulatorProcess(arguments: arguments, seed: seed, timeout: timeout, slot: slot)
            }
        } catch {
            await slot.release()
            throw error
        }
    }

    /// Starts an emulator and waits (blocking the calling thread) until it accepts requests; see ``launch``.
    private init(arguments: [String], seed: Data?, timeout: TimeInterval, slot: TestSlots.Slot) throws {
        let executable = try BuiltProducts.emulator()
        let directory = try TemporaryDirectory(prefix: "dfns-emulator")
        let bootstrap = directory.file("bootstrap")
        var commandLine = ["--port", "0", "--bootstrap-out", bootstrap.path]
        if !arguments.contains("--admin") { commandLine.append("--admin") }
        if !arguments.contains("--log-level") { commandLine += ["--log-level", "notice"] }
        if let seed {
            let seedFile = directory.file("seed.json")
            try seed.write(to: seedFile)
            commandLine += ["--seed", seedFile.path]
        }
        commandLine += arguments
        let stdoutFile = directory.file("stdout.log")
        let stderrFile = directory.file("stderr.log")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = commandLine
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()

        func log() -> String {
            let out = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            return "stdout:\n\(out)\nstderr:\n\(err)"
        }
        let deadline = Date().addingTimeInterval(timeout)
        var listening: String?
        while true {
            listening = Self.listeningURL(in: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "")
            if listening != nil { break }
            if !process.isRunning {
                throw Failure(
                    description: "dfns-emulator exited with status \(process.terminationStatus) before listening\n"
                        + log())
            }
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(description: "dfns-emulator did not print 'listening on' within \(timeout)s\n" + log())
            }
            usleep(20_000)
        }
        guard let listening, let baseURL = URL(string: listening) else {
            throw Failure(description: "dfns-emulator printed an unreadable URL\n" + log())
        }
        let environmentFile = bootstrap.appendingPathComponent("operator.env")
        do {
            operatorEnvironment = try Self.parseEnvironmentFile(
                try String(contentsOf: environmentFile, encoding: .utf8))
            LeakHarness.registerOperator(operatorEnvironment)
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "cannot read \(environmentFile.path): \(error)\n" + log())
        }
        self.url = listening
        self.baseURL = baseURL
        self.bootstrapDirectory = bootstrap
        self.directory = directory
        self.process = process
        self.slot = slot
    }

    /// The URL in a `listening on http://127.0.0.1:N` line, once the whole line has been written.
    static func listeningURL(in output: String) -> String? {
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasPrefix("listening on "), output.contains(line + "\n") else { continue }
            return String(line.dropFirst("listening on ".count))
        }
        return nil
    }

    /// Parses `NAME=value` lines.
    static func parseEnvironmentFile(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let equals = line.firstIndex(of: "=") else {
                throw Failure(description: "operator.env: not a NAME=value line")
            }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        for name in ["DFNS_API_URL", "DFNS_AUTH_TOKEN", "DFNS_CRED_ID", "DFNS_PRIVATE_KEY"] where values[name] == nil {
            throw Failure(description: "operator.env has no \(name)")
        }
        return values
    }

    /// The operator's token (a secret: tests check it never appears in output).
    package var operatorToken: String { operatorEnvironment["DFNS_AUTH_TOKEN"] ?? "" }

    /// Whether the process is still running.
    package var isRunning: Bool { process.isRunning }

    /// Stops the emulator: SIGTERM, then SIGKILL after five seconds, and frees its organisation slot. Safe to call
    /// more than once.
    /// - Returns: its exit status (0 after a clean stop on SIGTERM).
    @discardableResult
    package func stop() async -> Int32 {
        let status = await OffPool.wait("dfnsops-tests emulator stop") { self.stopBlocking() }
        await slot.release()
        return status
    }

    /// ``stop()``, blocking the calling thread (for `deinit`).
    @discardableResult
    private func stopBlocking() -> Int32 {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stopBlocking() }

    // MARK: - Admin API

    /// Sends a request to the admin API (`/_emulator/<path>`) and returns the body of a 2xx answer.
    /// - Throws: ``Failure`` for another status or a transport error.
    @discardableResult
    package func admin(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
        var request = URLRequest(url: baseURL.appendingPathComponent("_emulator").appendingPathComponent(path))
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(
                description: "\(method) /_emulator/\(path) answered \(status): \(String(decoding: data, as: UTF8.self))"
            )
        }
        return data
    }

    /// The request ledger's counts (`GET /_emulator/requests`).
    package struct RequestLedger: Decodable, Sendable {
        /// One request the emulator received.
        package struct Entry: Decodable, Sendable, CustomStringConvertible {
            package var method: String
            package var path: String
            package var status: Int
            package var mutating: Bool

            package var description: String { "\(method) \(path) → \(status)" }
        }

        /// Requests to the Dfns API since the last reset.
        package var total: Int
        /// Those that may change state.
        package var mutating: Int
        /// Mutations the store applied.
        package var mutationsApplied: Int
        /// The most recent requests, oldest first (at most 200).
        package var recent: [Entry]
    }

    /// Reads the request ledger.
    package func requestLedger() async throws -> RequestLedger {
        try JSONDecoder().decode(RequestLedger.self, from: try await admin("GET", "requests"))
    }

    /// Starts the request ledger afresh.
    package func resetRequestLedger() async throws {
        try await admin("DELETE", "requests")
    }

    /// Mints a bearer token for an access token id (a service account's or PAT's `tokenId`).
    package func mintToken(tokenId: String) async throws -> String {
        struct Minted: Decodable { var accessToken: String }
        return try JSONDecoder().decode(Minted.self, from: try await admin("POST", "tokens/\(tokenId)")).accessToken
    }
}

/// Runs `body` with a fresh emulator and stops it afterwards, whether `body` returns or throws.
/// - Parameters:
///   - seed: the `--seed` JSON, or nil.
///   - arguments: more `dfns-emulator` options.
package func withEmulator<Value>(
    seed: Data? = nil, arguments: [String] = [], _ body: (EmulatorProcess) async throws -> Value
) async throws -> Value {
    let emulator = try await EmulatorProcess.launch(arguments: arguments, seed: seed)
    do {
        let value = try await body(emulator)
        await emulator.stop()
        return value
    } catch {
        await emulator.stop()
        throw error
    }
}
