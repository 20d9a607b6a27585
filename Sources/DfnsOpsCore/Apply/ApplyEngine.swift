import DfnsAPI
import Foundation
import SecretStores

/// Executes a plan's actions in dependency order, independent ones concurrently (at most `parallelism` at a
/// time, paced by the client's rate limiter). An action whose dependency did not finish is skipped.
public struct ApplyEngine<Client: DfnsClient>: Sendable {
    public var client: Client
    public var desired: DesiredState
    public var stores: [String: any SecretStore]
    public var parallelism: Int
    /// The token the run signs with; when the operator's own key rotates, later actions sign with the new key.
    public var operatorToken: String?
    /// The time rotation decisions are made at; the wall clock unless the caller fixes it.
    public var now: @Sendable () -> Date

    public init(
        client: Client, desired: DesiredState, stores: [String: any SecretStore], parallelism: Int = 4,
        operatorToken: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.desired = desired
        self.stores = stores
        self.parallelism = max(1, parallelism)
        self.operatorToken = operatorToken
        self.now = now
    }

    /// Runs every action of `plan` and returns one result per action, in plan order.
    /// - Parameters:
    ///   - plan: the plan to carry out.
    ///   - live: the live state the plan was computed from moments ago, if the caller has it: creates then look
    ///     for an earlier run's object in it instead of listing every principal or webhook once per create.
    ///   - progress: called as each action starts and ends.
    public func apply(
        _ plan: Plan, live: LiveState? = nil, progress: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) async -> [ActionResult] {
        var executor = ActionExecutor(
            client: client, desired: desired, stores: stores, operatorToken: operatorToken, now: now)
        executor.snapshot = live
        var results: [String: ActionResult] = [:]
        var waiting = plan.actions
        await withTaskGroup(of: (ActionResult, DfnsIdentity?).self) { group in
            var running = 0
            func startReady() {
                var index = 0
                while index < waiting.count {
                    let action = waiting[index]
                    let dependencies = action.dependsOn.map { results[$0] }
                    if dependencies.contains(where: { $0 == nil }) {
                        index += 1
                        continue
                    }
                    waiting.remove(at: index)
                    if let failed = dependencies.compactMap({ $0 }).first(where: { $0.status != .done }) {
                        let skipped = ActionResult(
                            action: action, status: .skipped,
                            message: "not started: \(failed.actionId) ended \(failed.status.rawValue)")
                        results[action.id] = skipped
                        progress(.finished(skipped))
                        index = 0
                        continue
                    }
                    guard running < parallelism else {
                        waiting.insert(action, at: index)
                        return
                    }
                    running += 1
                    progress(.started(action))
                    let current = executor
                    group.addTask { await current.executeReportingIdentity(action) }
                }
            }
            startReady()
            while let (result, identity) = await group.next() {
                running -= 1
                if let identity {
                    // The operator's key rotated: every action started from now on signs with the new key.
                    executor.client = client.acting(as: identity)
                }
                results[result.actionId] = result
                progress(.finished(result))
                startReady()
            }
        }
        return plan.actions.compactMap { results[$0.id] }
    }
}
