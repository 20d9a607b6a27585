import DfnsAPI
import Foundation
import SecretStores

/// Runs drift detection: the plan's observation, plus token expiries from the store and the operator's own
/// credentials, sorted into buckets by `DriftBuilder`.
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
        var options = PlanOptions(now: now)
        options.recordsLiveFingerprints = false
        let planned = try await Planner(client: client, stores: stores, options: options)
            .plan(desired, manifestsDigest: manifestsDigest)
        let operatorCredentials = desired.passkeyPolicies.isEmpty ? nil : try? await client.listCredentials()
        let inputs = DriftBuilder.Inputs(
            desired: desired, live: planned.live, store: planned.store, plan: planned.plan,
            tokenExpiries: await tokenExpiries(desired, store: planned.store), operatorCredentials: operatorCredentials,
            operatorUserId: operatorToken.flatMap(TokenExpiry.subject(jwt:)), now: now, expiryWarning: expiryWarning)
        return DriftBuilder().build(inputs)
    }

    /// When each keyed manifest's current token expires, read from the token in the store.
    private func tokenExpiries(_ desired: DesiredState, store: StoreState) async -> [String: Date] {
        var expiries: [String: Date] = [:]
        let keyed: [(ManifestKind, String, StoreReference?)] =
            desired.serviceAccounts.map { (.serviceAccount, $0.name, $0.spec.store) }
            + desired.personalAccessTokens.map { (.personalAccessToken, $0.name, $0.spec.store) }
        for (kind, name, reference) in keyed {
            guard let location = desired.storeLocation(kind: kind, name: name, reference: reference),
                let metadata = store[location], metadata.current != nil, let secretStore = stores[location.store],
                let token = try? await secretStore.readValue(of: metadata.entry, stage: .current).token,
                let expiry = TokenExpiry.of(jwt: token)
            else { continue }
            expiries["\(kind.rawValue)/\(name)"] = expiry
        }
        return expiries
    }
}
