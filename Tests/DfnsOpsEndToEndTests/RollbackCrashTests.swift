import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 13, item 5: a crash at every mutating request of a rollback (rekey and replace after retire, webhook
/// during the overlap), committed by Dfns with the answer lost or with dfnsops SIGKILLed once it was sent. Right
/// after the crash at least one generation is usable; running the rollback again finishes it.
@Suite("rotation: a crash at every rollback step is finished by running it again")
struct RollbackCrashTests {
    typealias Scenario = RotationCrashTests.Scenario
    typealias Crash = RotationCrashTests.Crash

    struct Step: Sendable, CustomTestStringConvertible {
        var scenario: Scenario
        var method: String
        var path: String

        var testDescription: String { "\(scenario.rawValue): \(method) \(path)" }
    }

    static let steps: [Step] = [
        .init(scenario: .rekey, method: "PUT", path: "/auth/credentials/activate"),
        .init(scenario: .rekey, method: "PUT", path: "/auth/credentials/deactivate"),
        .init(scenario: .replace, method: "PUT", path: "/auth/service-accounts/*/activate"),
        .init(scenario: .replace, method: "PUT", path: "/auth/service-accounts/*/deactivate"),
        .init(scenario: .webhook, method: "DELETE", path: "/webhooks/*"),
    ]

    static let name = RotationCrashTests.name

    static func arguments(_ scenario: Scenario) -> [String] {
        let kind = scenario == .webhook ? "Webhook" : "ServiceAccount"
        return ["rollback", "\(kind)/\(name)", RotationLab.manifests, "--auto-approve"]
    }

    @Test(
        "the matrix names every mutating request of each rollback; rotate works after it",
        arguments: [Scenario.rekey, .replace, .webhook])
    func matrixCoversEveryMutatingRequest(scenario: Scenario) async throws {
        try await RotationLab.with { lab in
            try await setUp(lab, scenario)
            try await lab.emulator.resetRequestLedger()
            let run = try await lab.dfnsops(Self.arguments(scenario))
            #expect(run.status == 0, "\(run)")
            let sent = try await lab.emulator.requestLedger().recent.filter(\.mutating).map {
                "\($0.method) \(Self.glob($0.path))"
            }
            #expect(sent == Self.steps.filter { $0.scenario == scenario }.map { "\($0.method) \($0.path)" })
            try await checkRolledBack(lab, scenario)

            // dfnsops rotate releases the hold; the rolled-back generation number (a replace principal's
            // externalId) is not reused.
            let kind = scenario == .webhook ? "Webhook" : "ServiceAccount"
            let rotated = try await lab.dfnsops([
                "rotate", "\(kind)/\(Self.name)", RotationLab.manifests, "--auto-approve",
            ])
            #expect(rotated.status == 0, "\(rotated)")
            let current = try await lab.entry(RotationCrashTests.entry(scenario)).current?.metadata
            #expect(current?.generation == 3 && current?.hold == nil, "\(String(describing: current))")
        }
    }

    @Test("running the rollback again after a crash finishes it", arguments: steps, Crash.allCases)
    func recovers(at step: Step, crash: Crash) async throws {
        try await RotationLab.with { lab in
            try await setUp(lab, step.scenario)
            try await RotationCrashTests.interrupt(
                lab, method: step.method, path: step.path, crash: crash, describing: step.testDescription,
                running: Self.arguments(step.scenario))
            try await lab.emulator.removeAllFaults()
            try await checkUsable(lab, step.scenario)
            let rerun = try await lab.dfnsops(Self.arguments(step.scenario))
            #expect(rerun.status == 0, "the rerun after \(crash.rawValue): \(rerun)")
            try await checkRolledBack(lab, step.scenario)
        }
    }

    // MARK: - Steps

    /// Rekey and replace: rotated and retired (generation 1 inactive, generation 2 current). Webhook: in the
    /// overlap (both webhooks exist; a deleted webhook cannot return).
    private func setUp(_ lab: RotationLab, _ scenario: Scenario) async throws {
        try lab.declare(
            RotationCrashTests.manifest(scenario, url: "https://hooks.example.com/\(Self.name)"), as: Self.name)
        #expect(try await lab.apply().status == 0)
        let schedule = RotationCrashTests.schedule(scenario)
        try await lab.advance(days: schedule.due)
        #expect(try await lab.apply().status == 0)
        guard scenario != .webhook else { return }
        try await lab.advance(days: schedule.overlap)
        let retired = try await lab.apply()
        #expect(retired.status == 0, "\(retired)")
        #expect(await lab.signs(as: try await lab.identity(RotationCrashTests.entry(scenario), .previous)) == false)
    }

    // MARK: - Invariants

    /// Right after the crash: a generation whose key or secret the store holds is usable in Dfns.
    private func checkUsable(_ lab: RotationLab, _ scenario: Scenario) async throws {
        let entry = RotationCrashTests.entry(scenario)
        let metadata = try await lab.entry(entry)
        switch scenario {
        case .rekey, .replace:
            var signing: [SecretStage] = []
            for stage in [SecretStage.current, .previous] {
                if let identity = try? await lab.identity(entry, stage), await lab.signs(as: identity) {
                    signing.append(stage)
                }
            }
            #expect(!signing.isEmpty, "after the crash no generation in the store signs: \(metadata)")
        case .webhook:
            let live = try await lab.webhooks(named: Self.name).map(\.id)
            let held = Set([metadata.current, metadata.previous].compactMap { $0?.metadata.principalId })
            #expect(!live.isEmpty, "after the crash no webhook delivers")
            #expect(live.allSatisfy(held.contains), "a webhook delivers with a secret the store lost: \(live)")
        }
    }

    /// Generation 1 is current, usable and held; generation 2 is out of use; a plan has nothing to do.
    private func checkRolledBack(_ lab: RotationLab, _ scenario: Scenario) async throws {
        let entry = RotationCrashTests.entry(scenario)
        let metadata = try await lab.entry(entry)
        #expect(metadata.current?.metadata.generation == 1, "\(metadata)")
        #expect(metadata.previous == nil)
        #expect(metadata.current?.metadata.hold?.rolledBackGeneration == 2, "\(metadata)")
        switch scenario {
        case .rekey:
            let identity = try await lab.identity(entry)
            let accountId = try #require(metadata.current?.metadata.principalId)
            let active = try await lab.credentials(owner: accountId).filter(\.isActive)
            #expect(active.map(\.credentialId) == [identity.signer?.credentialId], "\(active)")
            #expect(await lab.signs(as: identity))
        case .replace:
            let accounts = try await lab.serviceAccounts(named: Self.name)
            let active = accounts.filter(\.userInfo.isActive).map(\.userInfo.userId)
            #expect(active == [metadata.current?.metadata.principalId], "\(accounts.count) accounts")
            #expect(await lab.signs(as: try await lab.identity(entry)))
        case .webhook:
            let webhooks = try await lab.webhooks(named: Self.name)
            #expect(webhooks.map(\.id) == [metadata.current?.metadata.principalId])
            let secret = try await lab.store().readValue(of: try SecretEntryPath(entry), stage: .current).webhookSecret
            #expect(secret == (try await lab.emulator.webhookSecrets())[webhooks.first?.id ?? ""])
        }
        let plan = try await lab.plan(["--detailed-exitcode"])
        #expect(plan.status == 0, "after the rollback the plan starts no rotation: \(plan)")
    }

    /// A request path as the matrix writes it: ids become `*`.
    static func glob(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("us-") || segment.hasPrefix("wh-") ? "*" : String(segment)
        }.joined(separator: "/")
    }
}
