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
        let store = try await StoreStateObserver(stores: stores).observe()
        let principals = await principalsToInspect(desired, store: store)
        let live = try await LiveStateObserver(client: client).observe(principals: principals)
        let plan = PlanBuilder(options: options).build(
            desired: desired, live: live, store: store, manifestsDigest: manifestsDigest)
        return Result(plan: plan, live: live, store: store)
    }

    /// The keyed principals whose current key and token the store holds, so their credentials can be listed
    /// acting as them. A principal whose material cannot be read is left out; the diff then relies on what
    /// its service-account or PAT object shows.
    func principalsToInspect(_ desired: DesiredState, store: StoreState) async -> [LiveStateObserver<Client>.Principal]
    {
        var keyed: [(ManifestKind, String, StoreReference?)] = desired.serviceAccounts.map {
            (.serviceAccount, $0.name, $0.spec.store)
        }
        keyed += desired.personalAccessTokens.map { (.personalAccessToken, $0.name, $0.spec.store) }
        var principals: [LiveStateObserver<Client>.Principal] = []
        for (kind, name, reference) in keyed {
            guard let location = desired.storeLocation(kind: kind, name: name, reference: reference),
                let metadata = store[location], let current = metadata.current,
                let principalId = current.metadata.principalId, let secretStore = stores[location.store],
                let material = try? await secretStore.readValue(of: metadata.entry, stage: .current),
                let token = material.token, let pem = material.privateKeyPEM,
                let credentialId = material.credentialId ?? current.metadata.credentialId,
                let key = try? PrivateSigningKey(pem: pem)
            else { continue }
            let identity = DfnsIdentity(
                token: token, signer: KeyCredentialSigner(credentialId: credentialId, privateKey: key))
            principals.append(LiveStateObserver<Client>.Principal(id: principalId, identity: identity))
        }
        return principals
    }
}
