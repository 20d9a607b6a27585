import DfnsAPI
import Foundation
import SecretStores

/// The frame of a service account's or PAT's rollback, the same for rekey and replace: the store must still hold
/// the previous generation; the strategy switches Dfns back to it; then the previous key must sign before it is made
/// current in the store again. Each step is safe to repeat, so an interrupted rollback is finished by running it
/// again.
struct PrincipalRollback<Client: DfnsClient>: Sendable {
    typealias Generation = (identity: DfnsIdentity, key: PrivateSigningKey)

    var address: ObjectAddress
    var tools: ApplyToolbox<Client>

    /// Runs the rollback; `switchBack` reactivates the previous generation and deactivates the current one, and
    /// says what it did.
    func run(
        _ context: RotationContext,
        switchBack: (_ previous: Generation, _ current: Generation) async throws -> [String]
    ) async throws -> String {
        guard context.metadata.previous != nil else {
            throw ApplyError(
                "\(address) has no previous generation in the store (no rotation to roll back, or retain "
                    + "elapsed and it was dropped)")
        }
        let previous = try await context.identity(.previous)
        let current = try await context.identity(.current)
        var steps = try await switchBack(previous, current)
        try await tools.verifySigning(previous.identity, what: "the previous generation of \(address)")
        _ = try await context.store.rollback(context.entry)
        steps.append("verified the previous key signs, and made it current in the store again")
        return steps.joined(separator: "; ")
    }
}
