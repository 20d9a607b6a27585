import DfnsOpsCore
import Foundation
import Testing

/// The one factory plan and apply build the resolver's inputs with.
@Suite("Rotation inputs from a policy")
struct RotationInputsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the retire verb follows the kind: webhooks are deleted, keyed principals deactivated")
    func retireVerb() {
        #expect(RetireVerb(kind: .webhook) == .delete)
        #expect(RetireVerb(kind: .serviceAccount) == .deactivate)
        #expect(RetireVerb(kind: .personalAccessToken) == .deactivate)
        #expect(RetireVerb.allCases.map(\.rawValue) == ["deactivate", "delete"])
    }

    @Test("durations, the trigger comparison, the manual flag and the time come from the arguments")
    func inputs() {
        var policy = RotationPolicy()
        policy.maxAge = .days(90)
        policy.overlap = .days(3)
        policy.retain = .days(30)
        policy.trigger = "2027-q1"
        let inputs = RotationPhaseResolver.Inputs(
            policy: policy, kind: .webhook, recordedTrigger: "2026-q4", manual: true, now: Self.now)
        #expect(inputs.maxAge == 90 * 86_400 && inputs.overlap == 3 * 86_400 && inputs.retain == 30 * 86_400)
        #expect(inputs.triggerChanged && inputs.manualRequest && inputs.now == Self.now)
        #expect(inputs.retireVerb == .delete)
        let same = RotationPhaseResolver.Inputs(
            policy: policy, kind: .serviceAccount, recordedTrigger: "2027-q1", manual: false, now: Self.now)
        #expect(!same.triggerChanged && !same.manualRequest && same.retireVerb == .deactivate)
        policy.trigger = nil
        let none = RotationPhaseResolver.Inputs(
            policy: policy, kind: .serviceAccount, recordedTrigger: "2027-q1", manual: false, now: Self.now)
        #expect(!none.triggerChanged, "no declared trigger never counts as changed")
    }
}
