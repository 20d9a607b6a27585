import DfnsAPI
import SecretStores

/// `dfnsops rollback KIND/NAME`: returns a rotating object to its previous generation.
public struct RollbackRunner<Client: DfnsClient>: Sendable {
    public var client: Client
    public var desired: DesiredState
    public var stores: [String: any SecretStore]

    public init(client: Client, desired: DesiredState, stores: [String: any SecretStore]) {
        self.client = client
        self.desired = desired
        self.stores = stores
    }

    /// Rolls back and says what was done.
    /// - Throws: `ApplyError` when there is nothing to roll back or a step fails; a repeat finishes the work.
    public func rollback(_ address: ObjectAddress) async throws -> String {
        try await ActionExecutor(client: client, desired: desired, stores: stores).rollback(address)
    }
}
