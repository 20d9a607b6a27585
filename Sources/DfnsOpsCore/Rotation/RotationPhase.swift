/// Where a rotation stands, derived from facts each run can observe (architecture: "Rotation").
///
/// dfnsops keeps no state file: the phase comes from the live credentials (or twin webhooks) and the
/// secret store's staged versions.
public enum RotationPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// One active managed generation, matching the store's `current`; nothing to do until it is due.
    case steady
    /// Steady, and due (age, changed trigger, or a manual request): generate and stage a new key.
    case due
    /// The store holds `pending`, with no live generation for it yet: register it.
    case staged
    /// The pending generation is live and active: verify it, then promote it in the store.
    case registered
    /// Both generations active and the new one is `current`; waiting out the overlap.
    case overlap
    /// The overlap has elapsed: deactivate (or delete) the old generation.
    case retire
    /// Only the new generation is active; `previous` is kept until `retain` elapses, for rollback.
    case done
    /// The facts fit no phase (for example the store's `current` is not live): a person must look.
    case inconsistent
}

extension RotationPolicy {
    /// The phases one rotate action steps through when the plan finds the rotation at `phase`: on to the overlap,
    /// and through retire and the store's clean-up only when the policy waits no time between them. The plan lists
    /// the effects of exactly these steps, and apply takes no other, so a rotation never runs ahead of its plan.
    public func steps(from phase: RotationPhase) -> [RotationPhase] {
        let finish: [RotationPhase] = effectiveRetain.seconds == 0 ? [.done] : []
        let retire: [RotationPhase] = effectiveOverlap.seconds == 0 ? [.retire] + finish : []
        switch phase {
        case .due: return [.due, .staged, .registered] + retire
        case .staged: return [.staged, .registered] + retire
        case .registered: return [.registered] + retire
        case .retire: return [.retire] + finish
        case .done: return [.done]
        case .steady, .overlap, .inconsistent: return []
        }
    }
}
