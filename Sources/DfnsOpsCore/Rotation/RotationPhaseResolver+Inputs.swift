import Foundation

extension RotationPhaseResolver.Inputs {
    /// The inputs for one object's rotation, the same for plan and apply.
    /// - Parameters:
    ///   - policy: the declared rotation policy (Settings defaults already filled in).
    ///   - kind: the object's kind, which decides the retire verb.
    ///   - recordedTrigger: the `rotation.trigger` recorded with the store's current version.
    ///   - manual: whether `dfnsops rotate` asked for this rotation.
    ///   - now: the time ages, overlaps and retain periods are measured at.
    public init(policy: RotationPolicy, kind: ManifestKind, recordedTrigger: String?, manual: Bool, now: Date) {
        self.init(
            maxAge: policy.maxAge.map { TimeInterval($0.seconds) },
            overlap: TimeInterval(policy.effectiveOverlap.seconds),
            retain: TimeInterval(policy.effectiveRetain.seconds),
            triggerChanged: policy.trigger != nil && policy.trigger != recordedTrigger,
            manualRequest: manual, now: now, retireVerb: RetireVerb(kind: kind))
    }
}
