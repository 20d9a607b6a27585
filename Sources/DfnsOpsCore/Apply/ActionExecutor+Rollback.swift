import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Rolls a rotation back with the strategy's rollback (see `RotationStrategySteps.rollback`). Each step is safe
    /// to repeat, so an interrupted rollback is finished by running it again.
    func rollback(_ address: ObjectAddress) async throws -> String {
        guard let manifest = desired.manifest(at: address) else {
            throw ApplyError("\(address) is not declared in the manifests")
        }
        switch manifest {
        case .keyedPrincipal(let declared):
            return try await rollbackPrincipal(declared)
        case .webhook(let declared):
            return try await rollback(
                WebhookTwinSteps(declared: declared, tools: tools), declared.address, declared.storeLocation)
        case .passkeyPolicy, .secretStore, .settings:
            throw ApplyError("\(address.kind.rawValue) objects do not rotate, so there is nothing to roll back")
        }
    }

    private func rollbackPrincipal(_ declared: DeclaredPrincipal) async throws -> String {
        if declared.key.rotation.strategy == .replace {
            let endpoints = try PrincipalEndpoints(kind: declared.kind, client: client)
            return try await rollback(
                ReplaceSteps(declared: declared, endpoints: endpoints, tools: tools), declared.address,
                declared.storeLocation)
        }
        return try await rollback(
            RekeySteps(declared: declared, tools: tools), declared.address, declared.storeLocation)
    }

    private func rollback(
        _ steps: some RotationStrategySteps, _ address: ObjectAddress, _ location: StoreLocation?
    ) async throws -> String {
        let (store, entry) = try storeEntry(address, location)
        return try await RotationDriver(now: now).rollback(steps, store: store, entry: entry)
    }
}
