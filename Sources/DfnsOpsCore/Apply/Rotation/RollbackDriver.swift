import Foundation
import SecretStores

/// Runs one object's rollback: reads the store, lets the strategy observe the generations, schedules the steps
/// (`RollbackSchedule`, the same the plan showed effects from) and takes them in order. Every step is chosen from
/// facts observed at the start of the run, so a rerun after an interruption anywhere leaves out what was done.
struct RollbackDriver<Steps: RotationStrategySteps>: Sendable {
    var steps: Steps
    var store: any SecretStore
    var entry: SecretEntryPath
    /// The time the hold is recorded at.
    var now: @Sendable () -> Date

    /// What the rollback takes now, read afresh.
    func schedule() async throws -> RollbackSchedule {
        try await observe().schedule
    }

    private func observe() async throws -> (context: RotationContext, schedule: RollbackSchedule) {
        let context = try await RotationContext.read(store, entry, address: steps.address)
        return (context, RollbackSchedule(try await steps.rollbackFacts(context)))
    }

    /// Takes the steps; says what was done.
    /// - Throws: `ApplyError` when the rollback is impossible (nothing was changed), or a step's error.
    func run() async throws -> [String] {
        let (context, schedule) = try await observe()
        if let impossible = schedule.impossible { throw ApplyError(impossible) }
        guard !schedule.isDone else {
            return ["\(steps.address) is already rolled back; its rotation is held"]
        }
        var log: [String] = []
        for step in schedule.steps {
            guard step == .moveStore else {
                log.append(try await steps.rollBack(step, schedule.facts, context))
                continue
            }
            let hold = RotationHold(
                since: now(), trigger: steps.policy.trigger, rolledBackGeneration: schedule.facts.current?.generation)
            _ = try await store.rollback(entry, holding: hold)
            log.append(
                "made the previous generation current in the store again; its rotation is held until "
                    + "rotation.trigger changes or dfnsops rotate is run")
        }
        return log
    }
}

/// A rollback driver whatever its strategy, for the executor and the plan.
struct AnyRollback: Sendable {
    var address: ObjectAddress
    var schedule: @Sendable () async throws -> RollbackSchedule
    var run: @Sendable () async throws -> [String]

    init(_ driver: RollbackDriver<some RotationStrategySteps>) {
        address = driver.steps.address
        schedule = { try await driver.schedule() }
        run = { try await driver.run() }
    }
}
