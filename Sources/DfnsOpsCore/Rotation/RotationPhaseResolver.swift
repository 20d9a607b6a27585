import Foundation

/// Derives a rotation's phase from observed facts, following the state machine in architecture.md.
///
/// Pure: the same facts, policy and time always give the same status.
public enum RotationPhaseResolver {
    /// What the resolver needs to know besides the facts.
    public struct Inputs: Sendable, Hashable {
        public var maxAge: TimeInterval?
        public var overlap: TimeInterval
        public var retain: TimeInterval
        /// True when the manifest's `rotation.trigger` differs from the one recorded at the last rotation.
        public var triggerChanged: Bool
        /// True when `dfnsops rotate` asked for this rotation.
        public var manualRequest: Bool
        /// Set while a rollback holds the rotation (`maxAge` does not make it due; a changed trigger or a manual
        /// request still does): when the hold began.
        public var heldSince: Date?
        /// The generation a rollback took out of use, whose number the next rotation must not reuse even where
        /// the live generations no longer show it (a replace principal's `externalId` stays taken).
        public var rolledBackGeneration: Int?
        public var now: Date
        /// What retiring the old generation means, for the next step's words.
        public var retireVerb: RetireVerb

        public init(
            maxAge: TimeInterval?, overlap: TimeInterval, retain: TimeInterval, triggerChanged: Bool = false,
            manualRequest: Bool = false, heldSince: Date? = nil, rolledBackGeneration: Int? = nil, now: Date,
            retireVerb: RetireVerb = .deactivate
        ) {
            self.maxAge = maxAge
            self.overlap = overlap
            self.retain = retain
            self.triggerChanged = triggerChanged
            self.manualRequest = manualRequest
            self.heldSince = heldSince
            self.rolledBackGeneration = rolledBackGeneration
            self.now = now
            self.retireVerb = retireVerb
        }
    }

    /// The status of one rotation.
    public static func status(of facts: RotationFacts, _ inputs: Inputs) -> RotationStatus {
        let byKey = Dictionary(
            facts.live.map { ($0.matchKey, $0) }, uniquingKeysWith: { a, b in a.generation >= b.generation ? a : b })
        let currentLive = facts.current.flatMap { byKey[$0.matchKey] }

        if let pending = facts.pending {
            let current = currentLive?.generation
            if let live = byKey[pending.matchKey], live.isActive {
                return RotationStatus(
                    phase: .registered, currentGeneration: current, nextGeneration: live.generation,
                    nextStep: "verify generation \(live.generation) and promote it in the store")
            }
            let next = max(facts.live.map(\.generation).max() ?? 0, inputs.rolledBackGeneration ?? 0) + 1
            return RotationStatus(
                phase: .staged, currentGeneration: current, nextGeneration: next,
                nextStep: "register generation \(next)")
        }

        guard facts.current != nil else {
            return RotationStatus(phase: .inconsistent, problem: "the store holds no current version")
        }
        guard let live = currentLive, live.isActive else {
            return RotationStatus(
                phase: .inconsistent,
                problem: currentLive == nil
                    ? "the store's current version matches no live generation"
                    : "the store's current version is not active in Dfns")
        }

        let olderActive = facts.live.filter { $0.isActive && $0.generation < live.generation }
        if let old = olderActive.max(by: { $0.generation < $1.generation }) {
            let overlapEnds = live.created.addingTimeInterval(inputs.overlap)
            if inputs.now < overlapEnds {
                return RotationStatus(
                    phase: .overlap, currentGeneration: live.generation,
                    nextStep: "\(inputs.retireVerb.rawValue) generation \(old.generation)", nextStepAt: overlapEnds)
            }
            return RotationStatus(
                phase: .retire, currentGeneration: live.generation,
                nextStep: "\(inputs.retireVerb.rawValue) generation \(old.generation)")
        }

        if let trigger = dueTrigger(created: live.created, inputs) {
            // A rolled-back generation may be live (inactive) above the current one: never reuse its number.
            let next =
                max(live.generation, facts.live.map(\.generation).max() ?? 0, inputs.rolledBackGeneration ?? 0) + 1
            let overdue = inputs.maxAge.map { inputs.now.timeIntervalSince(live.created) - $0 }
            return RotationStatus(
                phase: .due, currentGeneration: live.generation, nextGeneration: next, trigger: trigger,
                nextStep: "stage generation \(next)",
                overdueBy: trigger == .maxAge ? overdue : nil)
        }

        if let previous = facts.previous {
            let retainEnds = max(previous.created, live.created).addingTimeInterval(inputs.retain)
            return RotationStatus(
                phase: .done, currentGeneration: live.generation, nextStep: "drop the previous version from the store",
                nextStepAt: inputs.now < retainEnds ? retainEnds : nil)
        }
        if let since = inputs.heldSince {
            return RotationStatus(
                phase: .steady, currentGeneration: live.generation,
                nextStep: "rotation held after the rollback of \(PlanTime.format(since)): generation "
                    + "\(live.generation) stays current until rotation.trigger changes or dfnsops rotate is run")
        }
        let nextDue = inputs.maxAge.map { live.created.addingTimeInterval($0) }
        return RotationStatus(
            phase: .steady, currentGeneration: live.generation,
            nextStep: nextDue == nil ? nil : "rotate when generation \(live.generation) reaches maxAge",
            nextStepAt: nextDue)
    }

    private static func dueTrigger(created: Date, _ inputs: Inputs) -> RotationTrigger? {
        if inputs.manualRequest { return .manual }
        if inputs.triggerChanged { return .triggerChanged }
        if inputs.heldSince != nil { return nil }
        if let maxAge = inputs.maxAge, inputs.now.timeIntervalSince(created) >= maxAge { return .maxAge }
        return nil
    }
}
