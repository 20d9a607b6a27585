import Foundation
import SecretStores

/// Drives one object's rotation through its phases: before every step it reads the store, lets the strategy
/// observe the live generations, derives the phase, and calls the strategy's step for it. So a run interrupted
/// anywhere is continued by the next. It owns the phases every strategy shares: waiting out the overlap, steady,
/// and inconsistent facts.
struct RotationDriver: Sendable {
    /// The most steps one rotate action takes in a run (due → staged → registered → promoted is four).
    static var maxSteps: Int { 8 }

    /// The time rotation ages, overlaps and retain periods are measured at.
    var now: @Sendable () -> Date

    /// Takes as many steps as the facts and the plan allow; stops at the overlap, when steady, or before a step
    /// the plan did not show.
    /// - Parameters:
    ///   - manual: `dfnsops rotate` asked for this rotation (counts for the first step only).
    ///   - planned: the phases the plan showed this action stepping through (`RotationPolicy.steps(from:)`);
    ///     nil takes every step the facts allow.
    func run<Steps: RotationStrategySteps>(
        _ steps: Steps, store: any SecretStore, entry: SecretEntryPath, manual: Bool, planned: [RotationPhase]? = nil
    ) async throws -> RotationLog {
        var log = RotationLog()
        var manual = manual
        for _ in 0..<Self.maxSteps {
            let more = try await step(steps, store: store, entry: entry, manual: manual, planned: planned, log: &log)
                .more
            guard more else { break }
            manual = false
        }
        return log
    }

    /// Takes one step.
    /// - Returns: the status the step was chosen from, and whether another step may follow in this run.
    @discardableResult
    func step<Steps: RotationStrategySteps>(
        _ steps: Steps, store: any SecretStore, entry: SecretEntryPath, manual: Bool,
        planned: [RotationPhase]? = nil, log: inout RotationLog
    ) async throws -> (status: RotationStatus, more: Bool) {
        let context = try await RotationContext.read(store, entry, address: steps.address)
        log.principalId = steps.principalId(in: context)
        let observed = try await steps.observe(context)
        let inputs = RotationPhaseResolver.Inputs(
            policy: steps.policy, kind: steps.kind, recordedTrigger: context.metadata.current?.metadata.trigger,
            hold: context.metadata.current?.metadata.hold, manual: manual, now: now())
        let status = RotationPhaseResolver.status(of: observed.facts, inputs)
        let step = RotationStep(context: context, status: status, observed: observed, now: inputs.now)
        let acting: Set<RotationPhase> = [.due, .staged, .registered, .retire, .done]
        if let planned, acting.contains(status.phase), !planned.contains(status.phase),
            status.phase != .done || status.nextStepAt == nil
        {
            guard log.steps.isEmpty else {
                log.add("\(status.nextStep ?? status.phase.rawValue) is left to the next plan")
                return (status, false)
            }
            throw ApplyError(
                "\(steps.address): the rotation is at \(status.phase.rawValue), which the plan did not show; "
                    + "nothing was changed. Run plan again")
        }
        switch status.phase {
        case .due:
            try await steps.stage(step, log: &log)
        case .staged:
            try await steps.register(step, log: &log)
        case .registered:
            try await steps.promote(step, log: &log)
        case .overlap:
            log.add(
                "waiting: \(status.nextStep ?? "retire") after \(status.nextStepAt.map(PlanTime.format) ?? "the overlap")"
            )
            return (status, false)
        case .retire:
            try await steps.retire(step, log: &log)
        case .done:
            guard status.nextStepAt == nil else { return (status, false) }
            try await steps.finish(step, log: &log)
        case .steady:
            if log.steps.isEmpty { log.add("nothing to do: generation \(status.currentGeneration ?? 1) is current") }
            return (status, false)
        case .inconsistent:
            throw ApplyError(
                "\(steps.address): \(status.problem ?? "the store does not match the live \(steps.liveNoun)")")
        }
        return (status, true)
    }
}
