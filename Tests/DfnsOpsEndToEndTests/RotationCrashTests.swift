import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 8, "Must show" 5: a crash at every mutating request of a rotation (rekey, replace, webhook twin), either
/// committed by Dfns with the answer lost (commit-then-drop) or with dfnsops SIGKILLed once the request was sent.
/// The next apply resumes, the rotation completes, no key is lost, and no principal is ever without an active
/// credential.
@Suite("rotation: a crash at every step resumes and completes")
struct RotationCrashTests {
    enum Scenario: String, Sendable {
        case rekey, replace, webhook
    }

    /// Which run of the rotation the request belongs to.
    enum Run: Int, Sendable {
        /// The run that starts the rotation (stage, register, verify, promote).
        case start
        /// The run after the overlap (retire).
        case retire
        /// The run after `retain` (replace: delete the old principal).
        case drop
    }

    struct Step: Sendable, CustomTestStringConvertible {
        var scenario: Scenario
        var run: Run
        var method: String
        var path: String

        var testDescription: String { "\(scenario.rawValue): \(method) \(path)" }
    }

    enum Crash: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case commitThenDrop = "commit-then-drop"
        case sigkillAfterSend = "SIGKILL after send"

        var testDescription: String { rawValue }
    }

    static let steps: [Step] = [
        .init(scenario: .rekey, run: .start, method: "POST", path: "/auth/credentials"),
        .init(scenario: .rekey, run: .retire, method: "PUT", path: "/auth/credentials/deactivate"),
        .init(scenario: .replace, run: .start, method: "POST", path: "/auth/service-accounts"),
        .init(scenario: .replace, run: .start, method: "POST", path: "/permissions/*/assignments"),
        .init(scenario: .replace, run: .retire, method: "PUT", path: "/auth/service-accounts/*/deactivate"),
        .init(scenario: .replace, run: .drop, method: "DELETE", path: "/auth/service-accounts/*"),
        .init(scenario: .webhook, run: .start, method: "POST", path: "/webhooks"),
        .init(scenario: .webhook, run: .retire, method: "DELETE", path: "/webhooks/*"),
    ]

    static let name = "subject"

    static func manifest(_ scenario: Scenario, url: String) -> String {
        switch scenario {
        case .rekey: RotationLab.serviceAccount(name)
        case .replace:
            RotationLab.serviceAccount(name, maxAge: "60d", overlap: "7d", retain: "14d", strategy: "replace")
        case .webhook: RotationLab.webhook(name, url: url)
        }
    }

    static func entry(_ scenario: Scenario) -> String {
        scenario == .webhook ? "webhooks/\(name)" : "accounts/\(name)"
    }

    /// Days until the rotation is due, the overlap, and the retain period.
    static func schedule(_ scenario: Scenario) -> (due: Double, overlap: Double, retain: Double) {
        switch scenario {
        case .rekey: (90, 3, 30)
        case .replace: (60, 7, 14)
        case .webhook: (180, 7, 30)
        }
    }

    /// A recorded rotation: the runs' mutating requests, in order, must be exactly the matrix's.
    @Test("the matrix names every mutating request of each rotation", arguments: [Scenario.rekey, .replace, .webhook])
    func matrixCoversEveryMutatingRequest(scenario: Scenario) async throws {
        try await RotationLab.with { lab in
            var receiver = try await setUp(lab, scenario)
            defer { receiver?.sigkill() }
            let schedule = Self.schedule(scenario)
            var sent: [String] = []
            for (run, days) in [(Run.start, schedule.due), (.retire, schedule.overlap), (.drop, schedule.retain)] {
                try await lab.advance(days: days)
                receiver = try await restartReceiver(lab, scenario, receiver)
                try await lab.emulator.resetRequestLedger()
                let result = try await lab.apply()
                #expect(result.status == 0, "\(result)")
                let mutating = try await lab.emulator.requestLedger().recent.filter(\.mutating)
                    .filter { !$0.path.hasSuffix("/ping") }
                sent += mutating.map { "\(run) \($0.method) \(Self.glob($0.path))" }
            }
            let expected = Self.steps.filter { $0.scenario == scenario }.map { "\($0.run) \($0.method) \($0.path)" }
            #expect(sent == expected)
        }
    }

    @Test("apply again after a crash resumes the rotation and completes it", arguments: steps, Crash.allCases)
    func recovers(at step: Step, crash: Crash) async throws {
        try await RotationLab.with { lab in
            var receiver = try await setUp(lab, step.scenario)
            defer { receiver?.sigkill() }
            let schedule = Self.schedule(step.scenario)
            for (run, days) in [(Run.start, schedule.due), (.retire, schedule.overlap), (.drop, schedule.retain)] {
                try await lab.advance(days: days)
                receiver = try await restartReceiver(lab, step.scenario, receiver)
                if run == step.run {
                    try await interrupt(lab, step: step, crash: crash)
                    try await lab.emulator.removeAllFaults()
                    try await checkSafe(lab, step.scenario, after: "the crash")
                }
                let resumed = try await lab.apply()
                #expect(resumed.status == 0, "\(run) run after \(crash.rawValue): \(resumed)")
                try await checkSafe(lab, step.scenario, after: "the \(run) run")
            }
            try await checkCompleted(lab, step.scenario)
            let plan = try await lab.plan(["--detailed-exitcode"])
            #expect(plan.status == 0, "a plan after the rotation shows no changes: \(plan)")
        }
    }

    // MARK: - Steps

    /// Day 0: the object exists (and, for a webhook, its receiver runs).
    private func setUp(_ lab: RotationLab, _ scenario: Scenario) async throws -> RotationProcess? {
        guard scenario == .webhook else {
            try lab.declare(Self.manifest(scenario, url: ""), as: Self.name)
            #expect(try await lab.apply().status == 0)
            return nil
        }
        try lab.declare(Self.manifest(scenario, url: "http://127.0.0.1:9/placeholder"), as: Self.name)
        let (receiver, url) = try await lab.startReceiver(webhook: Self.name)
        try lab.declare(Self.manifest(scenario, url: url + "/hook"), as: Self.name)
        #expect(try await lab.apply().status == 0)
        return receiver
    }

    /// The receiver's replay window follows `DFNSOPS_NOW`, fixed per process: restart it on its port.
    private func restartReceiver(_ lab: RotationLab, _ scenario: Scenario, _ receiver: RotationProcess?) async throws
        -> RotationProcess?
    {
        guard scenario == .webhook, let receiver else { return nil }
        let webhook = try #require(try await lab.webhooks(named: Self.name).first)
        let port = try #require(URL(string: webhook.url)?.port)
        receiver.sigkill()
        return try await lab.startReceiver(webhook: Self.name, port: port).process
    }

    private func interrupt(_ lab: RotationLab, step: Step, crash: Crash) async throws {
        try await Self.interrupt(
            lab, method: step.method, path: step.path, crash: crash, describing: step.testDescription,
            running: ["apply", "--auto-approve", RotationLab.manifests, "--parallelism", "1"])
    }

    /// Runs `arguments` (a dfnsops command that sends `method path`) and interrupts it at the first such request:
    /// Dfns commits it and drops the answer, or dfnsops is SIGKILLed while the emulator holds it.
    static func interrupt(
        _ lab: RotationLab, method: String, path: String, crash: Crash, describing step: String,
        running arguments: [String]
    ) async throws {
        let emulator = lab.emulator
        switch crash {
        case .commitThenDrop:
            try await emulator.addFault(.init(method: method, path: path, action: "commit-then-drop", nth: 1))
            let crashed = try await lab.dfnsops(arguments)
            #expect(crashed.status == 1, "the lost answer should fail the run: \(crashed)")
            #expect(try await emulator.faults().first?.fired == 1, "the fault never fired: \(crashed)")
        case .sigkillAfterSend:
            // The emulator holds the request; a watcher thread SIGKILLs dfnsops as soon as it has arrived.
            try await emulator.addFault(
                .init(method: method, path: path, action: "latency", nth: 1, latencyMs: FaultWatcher.holdMs))
            try await emulator.resetRequestLedger()
            let run = try lab.launch(arguments)
            let deadline = ContinuousClock.now + .seconds(60)
            let fired = await FaultWatcher.sigkill(pid: run.pid, whenFaultFires: emulator.baseURL, within: .seconds(60))
            guard fired else {
                run.sigkill()
                throw RotationTestFailure("\(step) never reached the emulator: \(try await run.finish())")
            }
            let killed = try await run.finish()
            #expect(killed.status == 128 + SIGKILL, "\(killed)")
            // Wait until the emulator has handled the request (the ledger records it then).
            var recent: [EmulatorProcess.RequestLedger.Entry] = []
            var held: Int?
            while held == nil {
                guard ContinuousClock.now < deadline else { throw RotationTestFailure("never handled") }
                try await Task.sleep(for: .milliseconds(20))
                recent = try await emulator.requestLedger().recent
                held = FaultWatcher.index(ofNth: 1, in: recent) {
                    $0.method == method && fnmatch(path, $0.path, 0) == 0
                }
            }
            // The kill came while the emulator held the request: no later mutating request reached it (a late
            // kill would have tested a later step).
            let index = try #require(held)
            let later = recent[(index + 1)...].filter(\.mutating)
            #expect(later.isEmpty, "dfnsops was killed only after \(step) was answered: \(later)")
        }
    }

    // MARK: - Invariants

    /// No principal without an active credential, and no active key or secret that the store does not hold.
    private func checkSafe(_ lab: RotationLab, _ scenario: Scenario, after moment: String) async throws {
        let metadata = try await lab.entry(Self.entry(scenario))
        let versions = [metadata.pending, metadata.current, metadata.previous].compactMap { $0 }
        switch scenario {
        case .rekey:
            let accountId = try #require(metadata.current?.metadata.principalId)
            let active = try await lab.credentials(owner: accountId).filter(\.isActive)
            #expect(!active.isEmpty, "after \(moment) the service account has no active credential")
            for credential in active {
                #expect(
                    versions.contains { $0.fingerprint == credential.fingerprint },
                    "after \(moment) the key of active credential \(credential) is in no store stage")
            }
            #expect(await lab.signs(as: try await lab.identity(Self.entry(scenario))), "after \(moment)")
        case .replace:
            let accounts = try await lab.serviceAccounts(named: Self.name)
            let active = accounts.filter(\.userInfo.isActive)
            #expect(!active.isEmpty, "after \(moment) no generation is active")
            let held = Set(
                versions.filter { $0.metadata.principalId != nil && $0.kind == .privateKey }.compactMap(
                    \.metadata.principalId))
            for account in accounts where !held.contains(account.userInfo.userId) {
                // Only an orphan the crash left (its token never stored) may exist, until the next run removes it.
                #expect(moment == "the crash", "after \(moment) \(account.userInfo.userId) has no token in the store")
            }
            #expect(await lab.signs(as: try await lab.identity(Self.entry(scenario))), "after \(moment)")
        case .webhook:
            let webhooks = try await lab.webhooks(named: Self.name)
            let currentId = try #require(metadata.current?.metadata.principalId)
            #expect(webhooks.contains { $0.id == currentId }, "after \(moment) the current secret's webhook is gone")
            let held = Set(versions.compactMap(\.metadata.principalId))
            for webhook in webhooks where !held.contains(webhook.id) {
                #expect(moment == "the crash", "after \(moment) webhook \(webhook.id) has no secret in the store")
            }
        }
    }

    /// The rotation finished: a new generation is current and the only live generation in use. (An object a
    /// crash created without its secret reaching the store is removed, and its generation number is not reused.)
    private func checkCompleted(_ lab: RotationLab, _ scenario: Scenario) async throws {
        let entry = Self.entry(scenario)
        let metadata = try await lab.entry(entry)
        #expect((metadata.current?.metadata.generation ?? 0) >= 2, "\(metadata)")
        #expect(metadata.pending == nil)
        switch scenario {
        case .rekey:
            let identity = try await lab.identity(entry)
            let accountId = try #require(metadata.current?.metadata.principalId)
            let active = try await lab.credentials(owner: accountId).filter(\.isActive)
            #expect(active.map(\.credentialId) == [identity.signer?.credentialId], "\(active)")
            #expect(await lab.signs(as: identity))
        case .replace:
            let accounts = try await lab.serviceAccounts(named: Self.name)
            #expect(accounts.map(\.userInfo.userId) == [metadata.current?.metadata.principalId], "\(accounts.count)")
            #expect(metadata.previous == nil)
            #expect(await lab.signs(as: try await lab.identity(entry)))
        case .webhook:
            let webhooks = try await lab.webhooks(named: Self.name)
            #expect(webhooks.map(\.id) == [metadata.current?.metadata.principalId])
            #expect(metadata.previous == nil)
            let secret = try await lab.store().readValue(of: try SecretEntryPath(entry), stage: .current).webhookSecret
            #expect(secret == (try await lab.emulator.webhookSecrets())[webhooks.first?.id ?? ""])
        }
    }

    /// A request path as the matrix writes it.
    static func glob(_ path: String) -> String {
        if path.hasPrefix("/permissions/") { return "/permissions/*/assignments" }
        if path.hasPrefix("/auth/service-accounts/"), path.hasSuffix("/deactivate") {
            return "/auth/service-accounts/*/deactivate"
        }
        if path.hasPrefix("/auth/service-accounts/us-") { return "/auth/service-accounts/*" }
        if path.hasPrefix("/webhooks/") { return "/webhooks/*" }
        return path
    }
}
