import Foundation
import Synchronization
import TestSupport
import Testing

@testable import SecretStores

/// The exec store's plugin handling: failures, timeouts, bad replies, large output, and what the plugin sees.
@Suite("ExecSecretStore plugin handling")
struct ExecSecretStoreTests {
    /// A store whose plugin is a bash script.
    private func store(
        _ script: String,
        timeout: Duration = .seconds(10),
        diagnostics: (@Sendable (String) -> Void)? = nil
    ) throws -> ExecSecretStore {
        try ExecSecretStore(
            command: ["/bin/bash", "-c", script, "test-plugin"], timeout: timeout, diagnostics: diagnostics)
    }

    @Test("a non-zero exit is reported with its status; its stderr goes to the diagnostics log, not the error")
    func nonZeroExit() async throws {
        let logged = Mutex<[String]>([])
        let plugin = try store(
            "cat >/dev/null; echo 'vault: permission denied' >&2; exit 3",
            diagnostics: { line in logged.withLock { $0.append(line) } })
        let secret = "whsec-" + SecretStoreSampleMaterial.randomText(length: 30)
        let error = await #expect(throws: SecretStoreError.self) {
            try await plugin.writePending(.webhookSecret(secret), to: SecretEntryPath("webhooks/orders"))
        }
        let text = try #require(error?.description)
        #expect(text.contains("exit status 3"))
        #expect(text.contains("`get-metadata`"), "a write reads the labels record first")
        #expect(!text.contains("permission denied"), "stderr is not part of an error")
        #expect(text.contains("DFNSOPS_LOG_LEVEL=debug"))
        #expect(!text.contains(secret))
        #expect(logged.withLock { $0 }.contains { $0.contains("vault: permission denied") })
    }

    @Test("a plugin that echoes its request to stderr puts nothing of it in the error")
    func echoedRequestRedacted() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "echo")
        defer { scratch.remove() }
        let requests = scratch.appending("requests.log")
        // get-metadata answers "not found"; put echoes its whole request to stderr and fails.
        let plugin = try store(
            """
            request=$(cat); printf '%s\\n' "$request" >> '\(requests)'
            case $1 in get | get-metadata | list) echo '{"found": false, "keys": []}'; exit 0 ;; esac
            printf 'bad request: %s\\n' "$request" >&2; exit 1
            """)
        let secret = "whsec-" + SecretStoreSampleMaterial.randomText(length: 30)
        let error = await #expect(throws: SecretStoreError.self) {
            try await plugin.writePending(.webhookSecret(secret), to: SecretEntryPath("webhooks/orders"))
        }
        let text = try #require(error?.description)
        let logged = try String(contentsOfFile: requests, encoding: .utf8)
        let encodedValue = try #require(logged.firstMatch(of: /"value": "([^"]+)"/)?.1)
        #expect(!text.contains("bad request"))
        #expect(!text.contains(String(encodedValue)))
        #expect(!text.contains(secret))
    }

    @Test("stderr reaches the diagnostics log cut short, and the error only by its length")
    func stderrTruncated() async throws {
        let logged = Mutex<[String]>([])
        let plugin = try store(
            "cat >/dev/null; head -c 100000 /dev/zero | tr '\\0' 'e' >&2; exit 1",
            diagnostics: { line in logged.withLock { $0.append(line) } })
        let error = await #expect(throws: SecretStoreError.self) {
            try await plugin.metadata(of: SecretEntryPath("a"))
        }
        let text = try #require(error?.description)
        #expect(text.contains(" bytes) is not shown") && !text.contains("eeee"), "\(text)")
        let line = try #require(logged.withLock { $0 }.first)
        #expect(line.count < 2_500 && line.contains("more characters"))
    }

    @Test("a plugin killed by a signal is reported as such")
    func killedBySignal() async throws {
        let plugin = try store("kill -9 $$")
        let error = await #expect(throws: SecretStoreError.self) { try await plugin.metadata(of: SecretEntryPath("a")) }
        #expect(error?.description.contains("killed by signal 9") == true)
    }

    @Test(
        "replies that are not the expected JSON are refused without echoing stdout",
        arguments: [
            "echo 'SENSITIVE not json'", "true", "echo '[\"SENSITIVE\"]'", "echo '{\"value\": \"%%%SENSITIVE\"}'",
            "echo '{}'",
        ]
    )
    func badReply(reply: String) async throws {
        let plugin = try store("cat >/dev/null; \(reply)")
        let error = await #expect(throws: SecretStoreError.self) { try await plugin.metadata(of: SecretEntryPath("a")) }
        guard case .pluginBadReply(_, let operation, _) = error else {
            Issue.record("expected pluginBadReply, got \(String(describing: error))")
            return
        }
        #expect(operation == "get-metadata")
        #expect(error?.description.contains("SENSITIVE") == false)
    }

    /// The plugin and its child would run for an hour: the timeout error, and both being gone, show the store
    /// killed them when the timeout fired (no wall-clock bound, which a loaded machine could break). A plugin that
    /// a busy machine did not even start before the timeout leaves no process ids; then it runs again with a longer
    /// timeout.
    @Test("a plugin that does not answer in time is killed, with its children")
    func timeout() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "timeout")
        defer { scratch.remove() }
        let pidFile = scratch.appending("pids")
        var started: (plugin: Int32, child: Int32)?
        for timeout: Duration in [.milliseconds(500), .seconds(2), .seconds(8), .seconds(30)] where started == nil {
            let plugin = try store("sleep 3600 & echo $$ $! > '\(pidFile)'; wait", timeout: timeout)
            let error = await #expect(throws: SecretStoreError.self) {
                try await plugin.metadata(of: SecretEntryPath("a"))
            }
            #expect(error == .pluginTimedOut(command: "/bin/bash", operation: "get-metadata", timeout: timeout))
            started = try? Self.processIDs(in: pidFile)
        }
        let (pluginID, childID) = try #require(started, "the plugin never started, even with a 30 s timeout")
        #expect(await Self.becomesGone(pluginID), "the plugin must be killed")
        #expect(await Self.becomesGone(childID), "the plugin's background child must be killed too")
    }

    @Test("megabytes of stderr before reading stdin do not deadlock, and reach diagnostics cut short")
    func noPipeDeadlock() async throws {
        let lines = DiagnosticLines()
        let plugin = try store(
            "head -c 1000000 /dev/zero | tr '\\0' 'x' >&2; cat >/dev/null; echo '{\"found\": false, \"keys\": []}'",
            diagnostics: { lines.append($0) })
        // A 300 kB value: the plugin writes 1 MB to stderr before it reads the request, then forgets everything.
        let big = String(repeating: "v", count: 300_000)
        let written = try await plugin.writePending(.webhookSecret(big), to: SecretEntryPath("webhooks/big"))
        #expect(written.version == 1)
        #expect(try await plugin.metadata(of: SecretEntryPath("webhooks/big")) == nil)
        #expect(lines.all.count >= 4)
        #expect(lines.all.allSatisfy { $0.count < 2_500 })
    }

    @Test("a plugin that exits without reading a large request is an error, not a SIGPIPE crash")
    func pluginIgnoresStdin() async throws {
        let plugin = try store("exit 4")
        let big = String(repeating: "v", count: 1_000_000)
        await #expect(throws: SecretStoreError.self) {
            try await plugin.writePending(.webhookSecret(big), to: SecretEntryPath("webhooks/big"))
        }
    }

    @Test("a plugin that refuses every `get` still serves metadata and listing; reading a value fails")
    func metadataOnlyPlugin() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "metadata-only")
        defer { scratch.remove() }
        let root = scratch.appending("store")
        let entry = try SecretEntryPath("webhooks/orders")
        let full = try store("exec '\(SecretStoreTestPaths.dirStorePlugin)' '\(root)' \"$@\"")
        let written = try await full.writePending(.webhookSecret("whsec-metadata-only"), to: entry)
        try await full.promote(entry)
        // The same directory, through credentials that can read labels records only.
        let metadataOnly = try store(
            """
            if [ "$1" = get ]; then cat >/dev/null; echo 'permission denied: metadata only' >&2; exit 1; fi
            exec '\(SecretStoreTestPaths.dirStorePlugin)' '\(root)' "$@"
            """)
        let metadata = try #require(try await metadataOnly.metadata(of: entry))
        #expect(metadata.current?.version == written.version && metadata.pending == nil)
        #expect(try await metadataOnly.list(under: nil).map(\.entry) == [entry])
        #expect(try await metadataOnly.list(under: SecretEntryPath("webhooks")) == [metadata])
        let error = await #expect(throws: SecretStoreError.self) {
            try await metadataOnly.readValue(of: entry, stage: .current)
        }
        guard case .pluginFailed(_, let operation, let status, _) = error else {
            Issue.record("expected pluginFailed, got \(String(describing: error))")
            return
        }
        #expect(operation == "get" && status == "exit status 1", "\(status)")
        #expect(try await full.readValue(of: entry, stage: .current) == .webhookSecret("whsec-metadata-only"))
    }

    @Test("labels records are read with get-metadata: writes, moves, listing and metadata never send get")
    func getOnlyForValues() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "operations")
        defer { scratch.remove() }
        let log = scratch.appending("operations.log")
        let plugin = try store(
            """
            printf '%s\\n' "$1" >> '\(log)'
            exec '\(SecretStoreTestPaths.dirStorePlugin)' '\(scratch.appending("store"))' "$@"
            """)
        let entry = try SecretEntryPath("webhooks/payments")
        _ = try await plugin.writePending(.webhookSecret("whsec-first"), to: entry)
        try await plugin.promote(entry)
        _ = try await plugin.writePending(.webhookSecret("whsec-second"), to: entry)
        #expect(try await plugin.list(under: nil).count == 1)
        #expect(try await plugin.metadata(of: entry)?.pending?.version == 2)
        let operations = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(!operations.contains("get"), "\(operations)")
        #expect(operations.contains("get-metadata"))
        // Only reading a value sends get, once, for the version key.
        let before = operations.count
        #expect(try await plugin.readValue(of: entry, stage: .pending) == .webhookSecret("whsec-second"))
        let after = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").dropFirst(before)
        #expect(after.filter { $0 == "get" }.count == 1, "\(after)")
    }

    @Test("a missing executable is reported when the store is created")
    func missingExecutable() {
        #expect(
            throws: SecretStoreError.pluginLaunchFailed(command: "dfnsops-no-such-plugin", reason: "not found on PATH")
        ) {
            try ExecSecretStore(command: ["dfnsops-no-such-plugin"])
        }
        #expect(throws: SecretStoreError.self) { try ExecSecretStore(command: []) }
    }

    @Test("the plugin starts with no signals blocked, as it would from a shell")
    func signalMask() async throws {
        let logged = Mutex<[String]>([])
        let plugin = try store(
            "cat >/dev/null; grep SigBlk /proc/self/status >&2; exit 1",
            diagnostics: { line in logged.withLock { $0.append(line) } })
        await #expect(throws: SecretStoreError.self) { try await plugin.metadata(of: SecretEntryPath("a")) }
        #expect(logged.withLock { $0 }.contains { $0.contains("SigBlk:\t0000000000000000") })
    }

    @Test("the plugin's environment drops the operator's DFNS_ credentials")
    func environment() {
        let filtered = ExecSecretStore.pluginEnvironment(from: [
            "PATH": "/usr/bin", "DFNS_AUTH_TOKEN": "t", "DFNS_PRIVATE_KEY": "k", "VAULT_ADDR": "https://vault",
        ])
        #expect(filtered == ["PATH": "/usr/bin", "VAULT_ADDR": "https://vault"])
    }

    /// Cancelled once the plugin has started (it wrote its pids), with an hour left on both its sleep and the
    /// store's timeout: a `CancellationError`, and the plugin and its child gone, show the cancellation killed them.
    @Test("cancelling the calling task kills the plugin")
    func cancellation() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "cancel")
        defer { scratch.remove() }
        let pidFile = scratch.appending("pids")
        let plugin = try store("sleep 3600 & echo $$ $! > '\(pidFile)'; wait", timeout: .seconds(3600))
        let task = Task { try await plugin.metadata(of: SecretEntryPath("a")) }
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? Self.processIDs(in: pidFile)) == nil {
            try #require(ContinuousClock.now < deadline, "the plugin never started")
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let (pluginID, childID) = try Self.processIDs(in: pidFile)
        #expect(await Self.becomesGone(pluginID), "the plugin must be killed")
        #expect(await Self.becomesGone(childID), "the plugin's background child must be killed too")
    }

    /// The plugin's and its child's process ids, as `echo $$ $!` wrote them.
    private static func processIDs(in file: String) throws -> (plugin: Int32, child: Int32) {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let ids = text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        guard text.hasSuffix("\n"), ids.count == 2 else { throw CocoaError(.fileReadCorruptFile) }
        return (ids[0], ids[1])
    }

    /// Whether a process is gone, or becomes so within a minute: a SIGKILLed process vanishes once it is reaped,
    /// which a loaded machine may delay, so this waits for the outcome instead of checking once after a fixed pause.
    private static func becomesGone(_ processID: Int32) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while !isGone(processID) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    private static func isGone(_ processID: Int32) -> Bool {
        guard kill(processID, 0) == 0 else { return true }
        // Killed but not yet reaped (a zombie) counts as gone.
        let status = (try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8)) ?? ""
        return status.contains(") Z ")
    }
}

/// Diagnostic lines collected from a store, across threads.
private final class DiagnosticLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}
