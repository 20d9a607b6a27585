import DfnsAPI
import Foundation
import SecretStores

extension ActionExecutor {
    /// The rollback of a rotating object with its strategy's steps: the plan reads its schedule, apply runs it.
    func rollbackDriver(_ address: ObjectAddress) throws -> AnyRollback {
        guard let manifest = desired.manifest(at: address) else {
            throw ApplyError("\(address) is not declared in the manifests")
        }
        switch manifest {
        case .keyedPrincipal(let declared):
            let (store, entry) = try storeEntry(address, declared.storeLocation)
            if declared.key.rotation.strategy == .replace {
                let endpoints = try PrincipalEndpoints(kind: declared.kind, client: client)
                return AnyRollback(
                    RollbackDriver(
                        steps: ReplaceSteps(declared: declared, endpoints: endpoints, tools: tools), store: store,
                        entry: entry, now: now))
            }
            return AnyRollback(
                RollbackDriver(
                    steps: RekeySteps(declared: declared, tools: tools), store: store, entry: entry, now: now))
        case .webhook(let declared):
            let (store, entry) = try storeEntry(address, declared.storeLocation)
            return AnyRollback(
                RollbackDriver(
                    steps: WebhookTwinSteps(declared: declared, tools: tools), store: store, entry: entry, now: now))
        case .passkeyPolicy, .secretStore, .settings:
            throw ApplyError("\(address.kind.rawValue) objects do not rotate, so there is nothing to roll back")
        }
    }

    /// Carries out a planned rollback: observes again and takes the steps that are left, in the order
    /// `RollbackSchedule` gives; the gate holds every request to the plan's effects.
    func rollback(_ action: PlannedAction) async throws -> Done {
        let log = try await rollbackDriver(action.address).run()
        return Done(dfnsId: action.dfnsId, message: log.joined(separator: "; "))
    }
}
