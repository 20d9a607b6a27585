import DfnsAPI
import DfnsEmulator
import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// Each strategy's rollback against the in-process twin, during the overlap: planned with its effects, carried out
/// through the executor (and so the effect gate), in an order that keeps a usable generation, finished by a rerun.
@Suite("apply: rollback")
struct RollbackTests {
    /// The object each strategy rotates in these tests.
    enum Subject {
        case rekey, replace, webhook

        var manifest: String {
            switch self {
            case .rekey: RekeyStepsTests.manifest
            case .replace: ReplaceStepsTests.manifest
            case .webhook: WebhookTwinStepsTests.manifest(url: "http://127.0.0.1:9/hook")
            }
        }

        var kind: ManifestKind { self == .webhook ? .webhook : .serviceAccount }

        /// The name, its store entry, and its `maxAge` in days.
        var object: (name: String, path: String, days: Double) {
            switch self {
            case .rekey: (RekeyStepsTests.name, RekeyStepsTests.path, 90)
            case .replace: (ReplaceStepsTests.name, ReplaceStepsTests.path, 30)
            case .webhook: (WebhookTwinStepsTests.name, WebhookTwinStepsTests.path, 30)
            }
        }

        var address: ObjectAddress { ObjectAddress(kind: kind, name: object.name) }
    }

    /// Where a rotation stands in its overlap, and how to roll it back.
    struct Overlap {
        var twin: ApplyTwin
        var desired: DesiredState
        var subject: Subject
        var previous: SecretVersionMetadata
        var current: SecretVersionMetadata

        /// The rollback action planned now.
        func plan() async throws -> PlannedAction {
            try #require(try await twin.plannedRollback(subject.address, in: desired))
        }

        /// Plans the rollback and carries it out.
        func rollback() async throws -> (action: PlannedAction, result: ActionResult) {
            let action = try await plan()
            return (action, await twin.executor(desired).execute(action))
        }
    }

    /// Creates the subject and runs its rotation into the overlap.
    static func overlap(_ twin: ApplyTwin, _ subject: Subject) async throws -> Overlap {
        let desired = try ApplyTwin.desired(subject.manifest)
        try await twin.create(subject.kind, subject.object.name, in: desired)
        twin.advance(days: subject.object.days)
        let action = try await twin.planned("rotate:\(subject.kind.rawValue)/\(subject.object.name):due", in: desired)
        let result = await twin.executor(desired).execute(action)
        try #require(result.status == .done && result.message.contains("waiting:"), "\(result.message)")
        let entry = try await twin.entry(subject.object.path)
        return Overlap(
            twin: twin, desired: desired, subject: subject, previous: try #require(entry.previous?.metadata),
            current: try #require(entry.current?.metadata))
    }

    @Test("rekey: planned as one deactivation of the newer credential by name and uuid; afterwards it is held")
    func rekey() async throws {
        try await ApplyTwin.with { twin in
            let path = Subject.rekey.object.path
            let overlap = try await Self.overlap(twin, .rekey)
            let previous = overlap.previous
            let newer = try await twin.identity(path)
            let newerCredential = try #require(
                try await twin.credentials(path).first { $0.credentialId == newer.signer?.credentialId })
            let (action, result) = try await overlap.rollback()
            #expect(action.type == .rollback && action.reason == .rollbackRequested)
            #expect(
                action.effects == [
                    Effect(
                        .deactivate, .credential, id: newerCredential.credentialUuid, name: newerCredential.name,
                        orElse: .delete)
                ], "\(action.effects)")
            #expect(result.status == .done, "\(result.message)")
            #expect(result.message.contains("deactivated the newer credential"), "\(result.message)")
            let current = try await twin.identity(path)
            #expect(current.signer?.credentialId == previous.credentialId)
            #expect(try await twin.credentials(path).filter(\.isActive).map(\.credentialId) == [previous.credentialId])
            #expect(await twin.signs(as: current))
            #expect(await twin.signs(as: newer) == false)
            let entry = try await twin.entry(path)
            #expect(entry.previous == nil)
            #expect(entry.current?.metadata.hold?.rolledBackGeneration == 2, "\(entry)")
            #expect(try await twin.plannedRollback(Subject.rekey.address, in: overlap.desired) == nil, "done")

            // Held: generation 1 is past maxAge, yet no rotation is planned, and the plan says why; rotate still works.
            twin.advance(days: 1)
            let planner = Planner(
                client: twin.client, stores: [ApplyTwin.storeName: twin.store], options: PlanOptions(now: twin.now))
            let plan = try await planner.plan(overlap.desired, manifestsDigest: "twin").plan
            #expect(plan.actions.isEmpty, "\(plan.actions.map(\.id))")
            #expect(plan.notes.contains { $0.finding == .rotationHeld }, "\(plan.notes)")
            let manual = Planner(
                client: twin.client, stores: [ApplyTwin.storeName: twin.store],
                options: PlanOptions(now: twin.now, manualRotations: [Subject.rekey.address]))
            let rotate = try await manual.plan(overlap.desired, manifestsDigest: "twin").plan
            #expect(rotate.actions.map(\.reason) == [.rotationManual], "\(rotate.actions.map(\.id))")
        }
    }

    @Test("rekey: a step the plan did not show (the previous credential deactivated since) is refused by the gate")
    func outsidePlan() async throws {
        try await ApplyTwin.with { twin in
            let path = Subject.rekey.object.path
            let overlap = try await Self.overlap(twin, .rekey)
            let action = try await overlap.plan()
            let previous = try #require(
                try await twin.credentials(path).first { $0.credentialId == overlap.previous.credentialId })
            _ = try await twin.client.acting(as: try await twin.identity(path)).deactivateCredential(
                uuid: previous.credentialUuid)

            let result = await twin.executor(overlap.desired).execute(action)
            #expect(result.status == .blocked && result.reason == .outsidePlan, "\(result.message)")
            #expect(result.message.contains("activate Credential"), "\(result.message)")
            let credentials = try await twin.credentials(path)
            #expect(credentials.first { $0.credentialUuid == previous.credentialUuid }?.isActive == false)
            #expect(try await twin.entry(path).current?.metadata.generation == 2, "nothing changed")
        }
    }

    @Test("replace: the previous token must sign before the newer principal is deactivated; a rerun finishes")
    func replace() async throws {
        try await ApplyTwin.with { twin in
            let overlap = try await Self.overlap(twin, .replace)
            let oldId = try #require(overlap.previous.principalId)
            let newId = try #require(overlap.current.principalId)
            #expect(try await overlap.plan().effects == [Effect(.deactivate, .serviceAccount, id: newId)])

            // Verifying the previous generation fails: the newer principal stays active and current.
            await twin.fault("POST", "/auth/action/init", status: 401)
            let failed = try await overlap.rollback().result
            #expect(failed.status == .failed, "\(failed.message)")
            #expect(try await ReplaceStepsTests.generations(twin) == [oldId: true, newId: true])
            #expect(try await twin.entry(Subject.replace.object.path).current?.metadata.principalId == newId)

            let (_, result) = try await overlap.rollback()
            #expect(result.status == .done, "\(result.message)")
            #expect(try await ReplaceStepsTests.generations(twin) == [oldId: true, newId: false])
            #expect(try await twin.entry(Subject.replace.object.path).current?.metadata.principalId == oldId)
        }
    }

    @Test("webhook: the store moves only once the twin is deleted; a twin already gone leaves just the store move")
    func webhook() async throws {
        try await ApplyTwin.with { twin in
            let path = Subject.webhook.object.path
            let overlap = try await Self.overlap(twin, .webhook)
            let oldId = try #require(overlap.previous.principalId)
            let newId = try #require(overlap.current.principalId)

            await twin.fault("GET", "/webhooks/\(oldId)", status: 503, times: 10)
            await #expect(throws: DfnsAPIError.self) { try await overlap.plan() }
            await twin.server.emulator.faults.removeAll()

            #expect(try await overlap.plan().effects == [Effect(.delete, .webhook, id: newId)])
            await twin.fault("DELETE", "/webhooks/\(newId)", status: 500)
            let failed = try await overlap.rollback().result
            #expect(failed.status == .failed, "\(failed.message)")
            #expect(try await twin.entry(path).current?.metadata.principalId == newId, "the store did not move")
            #expect(try await WebhookTwinStepsTests.ids(twin) == [oldId, newId])

            // As if a run died after the deletion: nothing is left in Dfns, the store still moves.
            _ = try await twin.client.deleteWebhook(id: newId)
            let (action, result) = try await overlap.rollback()
            #expect(action.effects.isEmpty, "\(action.effects)")
            #expect(result.status == .done, "\(result.message)")
            #expect(try await twin.entry(path).current?.metadata.principalId == oldId)
            #expect(try await WebhookTwinStepsTests.ids(twin) == [oldId])
        }
    }

    @Test("webhook: once the old webhook is gone, the plan refuses before anything changes and says to rotate again")
    func webhookGone() async throws {
        try await ApplyTwin.with { twin in
            let overlap = try await Self.overlap(twin, .webhook)
            let newId = try #require(overlap.current.principalId)
            _ = try await twin.client.deleteWebhook(id: try #require(overlap.previous.principalId))
            let (action, result) = try await overlap.rollback()
            let refusal = try #require(action.guards.first { $0.guardName == .rollbackPossible })
            #expect(!refusal.passed && refusal.message.contains("already deleted"), "\(refusal.message)")
            #expect(action.effects.isEmpty)
            #expect(result.status == .blocked, "\(result.message)")
            #expect(try await WebhookTwinStepsTests.ids(twin) == [newId])
            #expect(try await twin.entry(Subject.webhook.object.path).current?.metadata.principalId == newId)
        }
    }
}
