import DfnsAPI
import Foundation
import SecretStores

/// Runs drift detection: the plan's observation and diff, plus token expiries from the store and the operator's
/// own credentials, sorted into buckets by `DriftBuilder`.
public struct DriftRunner<Client: DfnsClient>: Sendable {
    public var client: Client
    public var stores: [String: any SecretStore]
    public var now: Date
    public var expiryWarning: TimeInterval
    /// The operator's token, to learn its user id (for passkey policies).
    public var operatorToken: String?

    public init(
        client: Client, stores: [String: any SecretStore], now: Date, expiryWarning: TimeInterval,
        operatorToken: String?
    ) {
        self.client = client
        self.stores = stores
        self.now = now
        self.expiryWarning = expiryWarning
        self.operatorToken = operatorToken
    }

    public func run(_ desired: DesiredState, manifestsDigest: String) async throws -> DriftReport {
        let options = PlanOptions(now: now)
        let (live, store) = try await Planner(client: client, stores: stores, options: options).observe(desired)
        let changes = Differ(desired: desired, live: live, store: store, options: options).changes()
        let operatorCredentials = desired.passkeyPolicies.isEmpty ? nil : try? await client.listCredentials()
        let inputs = DriftBuilder.Inputs(
            desired: desired, live: live, store: store, changes: changes,
            tokenExpiries: await tokenExpiries(desired, store: store), operatorCredentials: operatorCredentials,
            operatorUserId: operatorToken.flatMap(TokenExpiry.subject(jwt:)), now: now, expiryWarning: expiryWarning)
        return DriftBuilder().build(inputs)
    }

    /// When each keyed manifest's current token expires, read from the token in the store.
    private func tokenExpiries(_ desired: DesiredState, store: StoreState) async -> [String: Date] {
        var expiries: [String: Date] = [:]
        for declared in desired.keyedPrincipals {
            guard let location = declared.storeLocation,
                let metadata = store[location], metadata.current != nil, let secretStore = stores[location.store],
                let token = try? await secretStore.readValue(of: metadata.entry, stage: .current).token,
                let expiry = TokenExpiry.of(jwt: token)
            else { continue }
            expiries[declared.address.description] = expiry
        }
        return expiries
    }
}
