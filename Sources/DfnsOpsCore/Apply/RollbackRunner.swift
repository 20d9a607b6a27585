import DfnsAPI
import Foundation
import SecretStores

/// Plans `dfnsops rollback KIND/NAME`: one `rollback` action whose effects name every object it changes, guarded
/// like any destructive action (`protect`, the operator's own principal, `maxDeactivations`) and refused before
/// anything changes when the previous generation cannot return. Apply carries it out through `ActionExecutor`.
public struct RollbackRunner<Client: DfnsClient>: Sendable {
    public var client: Client
    public var desired: DesiredState
    public var stores: [String: any SecretStore]
    public var now: @Sendable () -> Date

    public init(
        client: Client, desired: DesiredState, stores: [String: any SecretStore],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.desired = desired
        self.stores = stores
        self.now = now
    }

    /// The rollback's plan: `base` (a plan of the organisation, for its fingerprints) with the rollback as its only
    /// action, or no action when an earlier rollback of the object finished.
    /// - Throws: `ApplyError` when the object is not declared or does not rotate; observation errors.
    public func plan(_ address: ObjectAddress, base: Plan, live: LiveState, options: PlanOptions) async throws -> Plan {
        let executor = ActionExecutor(client: client, desired: desired, stores: stores, now: now)
        let schedule = try await executor.rollbackDriver(address).schedule()
        var plan = base
        plan.notes = []
        guard !schedule.isDone else {
            plan.actions = []
            return plan
        }
        let facts = schedule.facts
        let dfnsId: String? =
            if case .rekey = facts.strategy { nil } else { facts.current?.id }
        let possible = GuardCheck(
            .rollbackPossible, passed: schedule.impossible == nil,
            message: schedule.impossible
                ?? "the previous generation (\(facts.previous?.label ?? "?")) is in the store and in Dfns")
        let action = PlannedAction(
            id: "rollback:\(address)", type: .rollback, kind: address.kind, name: address.name, dfnsId: dfnsId,
            reason: .rollbackRequested, effects: schedule.effects, guards: [possible], summary: schedule.summary)
        plan.actions = PlanGuards(desired: desired, options: options).apply(to: [action], live: live)
        return plan
    }
}
