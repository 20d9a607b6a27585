import DfnsAPI
import Foundation
import SecretStores
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An empty organisation in a fresh `dfns-emulator` process (holding only the permissions `manifests/examples`
/// assigns, as the sandbox does), and a workspace with `manifests/examples` and its `local` file store, for
/// driving the built `dfnsops apply` over HTTP.
final class ApplyOrganisation: Sendable {
    let emulator: EmulatorProcess
    let workspace: PlanWorkspace

    /// The manifest path every apply test passes, relative to the workspace.
    static let manifests = "manifests/examples"

    /// The permissions the example manifests name (the sandbox seeds the same ones).
    static let permissions: [EmulatorSeedDocument.Permission] = [
        .init(
            name: "DfnsOps Reconciler",
            operations: [
                "Auth:ServiceAccounts:Read", "Auth:ServiceAccounts:Update", "Auth:ServiceAccounts:Activate",
                "Auth:ServiceAccounts:Deactivate", "Webhooks:Create", "Webhooks:Read", "Webhooks:Update",
                "Webhooks:Delete", "Webhooks:Ping", "Permissions:Read", "Permissions:Assign",
            ], assignTo: nil),
        .init(name: "Payments Initiator", operations: ["Wallets:Read", "Wallets:Transfers:Create"], assignTo: nil),
        .init(
            name: "Treasury Operator", operations: ["Wallets:Read", "Wallets:Transfers:Create", "Policies:Read"],
            assignTo: nil),
        .init(name: "Wallets Reader", operations: ["Wallets:Read"], assignTo: nil),
    ]

    private init(emulator: EmulatorProcess, workspace: PlanWorkspace) {
        self.emulator = emulator
        self.workspace = workspace
    }

    /// Starts the emulator (rate limit off, so that many runs against one organisation never wait) and the
    /// workspace.
    static func start(emulatorArguments: [String] = ["--rate-limit", "0"]) async throws -> ApplyOrganisation {
        var seed = EmulatorSeedDocument()
        seed.permissions = Self.permissions
        let emulator = try await EmulatorProcess.launch(arguments: emulatorArguments, seed: try seed.encoded())
        do {
            let workspace = try PlanWorkspace(
                manifests: [(MixedOrganisation.examples, Self.manifests)], emulator: emulator)
            return ApplyOrganisation(emulator: emulator, workspace: workspace)
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Runs `body` with a fresh organisation and stops its emulator afterwards.
    static func with<Value>(_ body: (ApplyOrganisation) async throws -> Value) async throws -> Value {
        try await withOrganisation({ try await start() }, emulator: \.emulator, body)
    }

    /// Starts the built `dfnsops` in the workspace with `arguments`, stdin not a terminal.
    func launch(_ arguments: [String]) throws -> DfnsOpsProcess {
        try DfnsOpsProcess(arguments: arguments, workspace: workspace)
    }

    /// Runs the built `dfnsops` to the end without blocking a thread of the cooperative pool.
    func dfnsops(_ arguments: [String]) async throws -> DfnsOpsResult {
        try await launch(arguments).finish()
    }

    /// `dfnsops apply --auto-approve manifests/examples` with more arguments.
    func apply(_ arguments: [String] = []) async throws -> DfnsOpsResult {
        try await dfnsops(["apply", "--auto-approve", Self.manifests] + arguments)
    }

    /// `dfnsops plan --detailed-exitcode manifests/examples` with more arguments.
    func plan(_ arguments: [String] = []) async throws -> DfnsOpsResult {
        try await dfnsops(["plan", "--detailed-exitcode", Self.manifests] + arguments)
    }

    /// The workspace's `local` file store.
    func store() throws -> FileSecretStore { try workspace.store() }

    /// Every value in the workspace's stores (every stage of every entry), and the operator's token and key:
    /// none of them may appear in any output.
    func secretValues() async throws -> [String] {
        let store = try store()
        var secrets = [emulator.operatorToken]
        let operatorKey = try String(
            contentsOfFile: emulator.operatorEnvironment["DFNS_PRIVATE_KEY"] ?? "", encoding: .utf8)
        secrets += SecretSearch.pemBodyLines(operatorKey)
        for entry in try await store.listAll() {
            for (stage, _) in entry.stagedVersions {
                let value = try await store.readValue(of: entry.entry, stage: stage)
                if let pem = value.privateKeyPEM { secrets += SecretSearch.pemBodyLines(pem) }
                if let token = value.token { secrets.append(token) }
                if let secret = value.webhookSecret { secrets.append(secret) }
            }
        }
        return secrets
    }
}

/// A running `dfnsops`, with its output going to files in the workspace, that a test can SIGKILL.
final class DfnsOpsProcess {
    private let process = Process()
    private let stdoutFile: URL
    private let stderrFile: URL

    init(arguments: [String], workspace: PlanWorkspace) throws {
        let name = UUID().uuidString
        stdoutFile = workspace.directory.file(".run-\(name).stdout")
        stderrFile = workspace.directory.file(".run-\(name).stderr")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = try BuiltProducts.dfnsops()
        process.arguments = arguments
        process.environment = workspace.environment
        process.currentDirectoryURL = workspace.directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Its process id.
    var pid: Int32 { process.processIdentifier }

    /// What it has written to standard error so far.
    var standardErrorSoFar: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Kills it at once: no handler, no cleanup, as when a CI runner dies.
    func sigkill() {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for it to exit and returns its status and output; kills it after `timeout`.
    func finish(timeout: Duration = .seconds(120)) async throws -> DfnsOpsResult {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                sigkill()
                throw ApplyTestFailure(
                    "dfnsops \(process.arguments ?? []) did not finish within \(timeout)\n"
                        + standardErrorSoFar)
            }
            try await Task.sleep(for: .milliseconds(15))
        }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        let result = DfnsOpsResult(
            status: killed ? 128 + process.terminationStatus : process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
        await LeakCheck.run(stdout: result.stdout, stderr: result.stderr, in: stdoutFile.deletingLastPathComponent())
        return result
    }
}

/// How a `dfnsops` run ended: its exit status (128 + N after signal N) and its output.
struct DfnsOpsResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
}

/// A test step that could not be carried out (a run that hung, an emulator that answered oddly).
struct ApplyTestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
