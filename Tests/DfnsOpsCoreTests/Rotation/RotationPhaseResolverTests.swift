import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

@Suite("Rotation phases derived from facts")
struct RotationPhaseResolverTests {
    typealias Live = RotationFacts.LiveGeneration
    typealias Stored = RotationFacts.StoredVersion

    static let day: TimeInterval = 86_400
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func inputs(
        daysAfterStart: Double, maxAgeDays: Double? = 90, trigger: Bool = false, manual: Bool = false
    ) -> RotationPhaseResolver.Inputs {
        RotationPhaseResolver.Inputs(
            maxAge: maxAgeDays.map { $0 * Self.day }, overlap: 3 * Self.day, retain: 30 * Self.day,
            triggerChanged: trigger, manualRequest: manual, now: Self.t0.addingTimeInterval(daysAfterStart * Self.day))
    }

    let gen1 = Live(generation: 1, matchKey: "fp1", isActive: true, created: t0)

    @Test("one active generation matching the store is steady, with its due date")
    func steady() {
        let facts = RotationFacts(live: [gen1], current: Stored(matchKey: "fp1", created: Self.t0))
        let status = RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 10))
        #expect(status.phase == .steady)
        #expect(status.currentGeneration == 1)
        #expect(status.nextStepAt == Self.t0.addingTimeInterval(90 * Self.day))
    }

    @Test("past maxAge it is due, with how much it is overdue")
    func dueByAge() throws {
        let facts = RotationFacts(live: [gen1], current: Stored(matchKey: "fp1", created: Self.t0))
        let status = RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 92))
        #expect(status.phase == .due)
        #expect(status.trigger == .maxAge)
        #expect(status.nextGeneration == 2)
        let overdue = try #require(status.overdueBy)
        #expect(abs(overdue - 2 * Self.day) < 1)
    }

    @Test("a changed trigger or a manual request makes it due before maxAge")
    func dueByTriggerOrManual() {
        let facts = RotationFacts(live: [gen1], current: Stored(matchKey: "fp1", created: Self.t0))
        #expect(
            RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 1, trigger: true)).trigger == .triggerChanged
        )
        #expect(RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 1, manual: true)).trigger == .manual)
        #expect(RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 1, maxAgeDays: nil)).phase == .steady)
    }

    @Test("held after a rollback: steady past maxAge; a changed trigger or a manual request releases it")
    func heldAfterRollback() {
        let facts = RotationFacts(live: [gen1], current: Stored(matchKey: "fp1", created: Self.t0))
        let hold = RotationHold(since: Self.t0, trigger: "q1", rolledBackGeneration: 2)
        func status(trigger: String?, manual: Bool = false) -> RotationStatus {
            let policy = RotationPolicy(maxAge: ManifestDuration(seconds: Int(90 * Self.day)), trigger: trigger)
            let inputs = RotationPhaseResolver.Inputs(
                policy: policy, kind: .serviceAccount, recordedTrigger: nil, hold: hold, manual: manual,
                now: Self.t0.addingTimeInterval(200 * Self.day))
            return RotationPhaseResolver.status(of: facts, inputs)
        }
        let held = status(trigger: "q1")
        #expect(held.phase == .steady, "\(held)")
        #expect(held.nextStep?.contains("rotation held after the rollback") == true, "\(held)")
        #expect(status(trigger: "q2").trigger == .triggerChanged)
        #expect(status(trigger: "q1", manual: true).trigger == .manual)
        #expect(status(trigger: nil).trigger == .maxAge, "a trigger removed since the hold releases it")
    }

    @Test("a pending version not yet live is staged; once live and active it is registered")
    func stagedThenRegistered() {
        let staged = RotationFacts(
            live: [gen1], pending: Stored(matchKey: "fp2", created: Self.t0),
            current: Stored(matchKey: "fp1", created: Self.t0))
        let stagedStatus = RotationPhaseResolver.status(of: staged, inputs(daysAfterStart: 91))
        #expect(stagedStatus.phase == .staged)
        #expect(stagedStatus.nextGeneration == 2)

        let gen2 = Live(
            generation: 2, matchKey: "fp2", isActive: true, created: Self.t0.addingTimeInterval(91 * Self.day))
        var registered = staged
        registered.live.append(gen2)
        let registeredStatus = RotationPhaseResolver.status(of: registered, inputs(daysAfterStart: 91))
        #expect(registeredStatus.phase == .registered)
        #expect(registeredStatus.nextGeneration == 2)
        #expect(registeredStatus.currentGeneration == 1)
    }

    @Test("after promotion both are active: overlap until it elapses, then retire")
    func overlapThenRetire() {
        let gen2 = Live(
            generation: 2, matchKey: "fp2", isActive: true, created: Self.t0.addingTimeInterval(91 * Self.day))
        let facts = RotationFacts(
            live: [gen1, gen2], current: Stored(matchKey: "fp2", created: gen2.created),
            previous: Stored(matchKey: "fp1", created: Self.t0))
        let during = RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 92))
        #expect(during.phase == .overlap)
        #expect(during.nextStepAt == gen2.created.addingTimeInterval(3 * Self.day))
        let after = RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 94.5))
        #expect(after.phase == .retire)
        #expect(after.nextStep == "deactivate generation 1")
    }

    @Test("with only the new generation active it is done until retain elapses")
    func doneWhileRetained() {
        let old = Live(generation: 1, matchKey: "fp1", isActive: false, created: Self.t0)
        let gen2 = Live(
            generation: 2, matchKey: "fp2", isActive: true, created: Self.t0.addingTimeInterval(91 * Self.day))
        let facts = RotationFacts(
            live: [old, gen2], current: Stored(matchKey: "fp2", created: gen2.created),
            previous: Stored(matchKey: "fp1", created: Self.t0))
        let status = RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 95))
        #expect(status.phase == .done)
        #expect(status.nextStepAt == gen2.created.addingTimeInterval(30 * Self.day))
        #expect(RotationPhaseResolver.status(of: facts, inputs(daysAfterStart: 130)).nextStepAt == nil)
    }

    @Test("a store whose current version is not live and active is inconsistent")
    func inconsistent() {
        let unknown = RotationFacts(live: [gen1], current: Stored(matchKey: "fp9", created: Self.t0))
        #expect(RotationPhaseResolver.status(of: unknown, inputs(daysAfterStart: 1)).phase == .inconsistent)
        let inactive = RotationFacts(
            live: [Live(generation: 1, matchKey: "fp1", isActive: false, created: Self.t0)],
            current: Stored(matchKey: "fp1", created: Self.t0))
        #expect(RotationPhaseResolver.status(of: inactive, inputs(daysAfterStart: 1)).phase == .inconsistent)
        #expect(
            RotationPhaseResolver.status(of: RotationFacts(live: [gen1]), inputs(daysAfterStart: 1)).phase
                == .inconsistent)
    }
}
