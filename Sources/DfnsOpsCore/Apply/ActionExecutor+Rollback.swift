import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// Rolls a rotation back with the strategy's rollback (see `RotationStrategySteps.rollback`). Each step is safe
    /// to repeat, so an interrupted rollback is finished by running it again.
    func rollback(kind: ManifestKind, name: String) async throws -> String {
        let marker = OwnershipMarker(kind: kind, name: name)
        guard let manifest = desired.manifest(for: marker) else {
            throw ApplyError("\(marker.kind.rawValue)/\(name) is not declared in the manifests")
        }
        switch manifest {
        case .serviceAccount(let declared):
            return try await rollbackPrincipal(
                DeclaredPrincipal(declared, defaults: desired.settings.defaults.rotation))
        case .personalAccessToken(let declared):
            return try await rollbackPrincipal(
                DeclaredPrincipal(declared, defaults: desired.settings.defaults.rotation))
        case .webhook(let declared):
            return try await rollback(
                WebhookTwinSteps(declared: declared, tools: tools), kind: .webhook, name: declared.name,
                reference: declared.spec.secret.store)
        case .passkeyPolicy, .secretStore, .settings:
            throw ApplyError("\(kind.rawValue) objects do not rotate, so there is nothing to roll back")
        }
    }

    private func rollbackPrincipal(_ declared: DeclaredPrincipal) async throws -> String {
        if declared.key.rotation.strategy == .replace {
            let endpoints = try PrincipalEndpoints(kind: declared.kind, client: client)
            return try await rollback(
                ReplaceSteps(declared: declared, endpoints: endpoints, tools: tools), kind: declared.kind,
                name: declared.name, reference: declared.store)
        }
        return try await rollback(
            RekeySteps(declared: declared, tools: tools), kind: declared.kind, name: declared.name,
            reference: declared.store)
    }

    private func rollback(
        _ steps: some RotationStrategySteps, kind: ManifestKind, name: String, reference: StoreReference?
    ) async throws -> String {
        let (store, entry) = try storeEntry(kind: kind, name: name, reference: reference)
        return try await RotationDriver(now: now).rollback(steps, store: store, entry: entry)
    }
}
