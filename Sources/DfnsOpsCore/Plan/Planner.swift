import DfnsAPI
import Foundation
import SecretStores

/// Runs the plan pipeline's edges: observes the secret stores and the live organisation through their
/// protocols, then builds the plan with `PlanBuilder`.
public struct Planner<Client: DfnsClient>: Sendable {
    public var client: Client
    public var stores: [String: any SecretStore]
    public var options: PlanOptions

    public init(client: Client, stores: [String: any SecretStore], options: PlanOptions) {
        self.client = client
        self.stores = stores
        self.options = options
    }

    /// What a plan run saw, returned with the plan so callers can report and re-check it.
    public struct Result: Sendable {
        public var plan: Plan
        public var live: LiveState
        public var store: StoreState
    }

    /// Observes and plans.
    /// - Throws: API and store errors from observation.
    public func plan(_ desired: DesiredState, manifestsDigest: String) async throws -> Result {
        let (live, store) = try await observe(desired)
        var plan = PlanBuilder(options: options).build(
            desired: desired, live: live, store: store, manifestsDigest: manifestsDigest)
        plan.actions = await checkReceivers(plan.actions)
        return Result(plan: plan, live: live, store: store)
    }

    /// Observes the secret stores, then the live organisation (listing the credentials of each principal whose
    /// key the store holds, acting as it).
    /// - Throws: API and store errors.
    public func observe(_ desired: DesiredState) async throws -> (live: LiveState, store: StoreState) {
        let store = try await StoreStateObserver(stores: stores).observe()
        let principals = await principalsToInspect(desired, store: store)
        let live = try await LiveStateObserver(client: client).observe(principals: principals)
        return (live, store)
    }

    /// For a webhook whose old twin is due for deletion: when the latest delivery to the new webhook failed, its
    /// receiver does not accept the new secret yet, and the plan says the deletion is blocked (read-only evidence;
    /// apply pings the new webhook again and deletes the old one only on 200).
    func checkReceivers(_ actions: [PlannedAction]) async -> [PlannedAction] {
        var result = actions
        for index in result.indices {
            let action = result[index]
            guard action.kind == .webhook, action.rotation?.phase == .retire, let id = action.dfnsId,
                let latest = try? await client.listWebhookEvents(webhookId: id, query: WebhookEventQuery(limit: 1))
                    .items.first,
                let status = latest.status ?? latest.error, status != "200"
            else { continue }
            result[index].guards.removeAll { $0.guardName == .receiverVerified }
            result[index].guards.append(
                GuardCheck(
                    .receiverVerified, passed: false,
                    message: "the receiver answered the latest delivery to the new webhook \(id) (\(latest.date)) "
                        + "with \(status): it does not accept the new secret yet, so the old webhook stays; apply "
                        + "pings the new webhook and deletes the old one only when it answers 200"))
        }
        return result
    }

    /// The keyed principals whose current token the store holds and lets dfnsops read, so their credentials can be
    /// listed acting as them (a list needs the token only, so the identity is read-only: no key is parsed). A
    /// principal whose token cannot be read — a store opened for metadata only, or one that refuses values — is
    /// left out; its rotation facts then come from the store (`RotationFactsBuilder.rekey(recordedIn:)`).
    func principalsToInspect(_ desired: DesiredState, store: StoreState) async -> [LiveStateObserver<Client>.Principal]
    {
        var principals: [LiveStateObserver<Client>.Principal] = []
        for declared in desired.keyedPrincipals {
            guard let location = declared.storeLocation,
                let metadata = store[location], let current = metadata.current,
                let principalId = current.metadata.principalId, let secretStore = stores[location.store],
                let token = try? await secretStore.readValue(of: metadata.entry, stage: .current).token
            else { continue }
            principals.append(LiveStateObserver<Client>.Principal(id: principalId, identity: .reading(token: token)))
        }
        return principals
    }
}
