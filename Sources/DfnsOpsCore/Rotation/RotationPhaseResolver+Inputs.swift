import Foundation
import SecretStores

extension RotationPhaseResolver.Inputs {
    /// The inputs for one object's rotation, the same for plan and apply.
    /// - Parameters:
    ///   - policy: the declared rotation policy (Settings defaults already filled in).
    ///   - kind: the object's kind, which decides the retire verb.
    ///   - recordedTrigger: the `rotation.trigger` recorded with the store's current version.
    ///   - manual: whether `dfnsops rotate` asked for this rotation.
    ///   - hold: the hold a rollback recorded with the store's current version: while the declared trigger is the
    ///     one recorded with it, the rotation is held (only a changed trigger or `dfnsops rotate` starts one).
    ///   - now: the time ages, overlaps and retain periods are measured at.
    public init(
        policy: RotationPolicy, kind: ManifestKind, recordedTrigger: String?, hold: RotationHold? = nil, manual: Bool,
        now: Date
    ) {
        let held = hold.map { $0.trigger == policy.trigger } ?? false
        // A held version answers the trigger declared at the rollback, not the one recorded when it was made.
        let triggerChanged =
            if let hold { !held && policy.trigger != nil && policy.trigger != hold.trigger } else {
                policy.trigger != nil && policy.trigger != recordedTrigger
            }
        self.init(
            maxAge: policy.maxAge.map { TimeInterval($0.seconds) },
            overlap: TimeInterval(policy.effectiveOverlap.seconds),
            retain: TimeInterval(policy.effectiveRetain.seconds),
            triggerChanged: triggerChanged, manualRequest: manual, heldSince: held ? hold?.since : nil,
            rolledBackGeneration: hold?.rolledBackGeneration, now: now, retireVerb: RetireVerb(kind: kind))
    }
}
