import DfnsAPI
import Foundation
import SecretStores

/// The steps every kind of apply action shares: unwrapping Dfns's answer, writing once-only secrets to the store,
/// and proving that a key signs. Create, update and the rotation strategies all use it.
struct ApplyToolbox<Client: DfnsClient>: Sendable {
    var client: Client
    /// How often a store write of a once-only secret is tried before the new object is removed again.
    var secretWriteAttempts = 3
    /// The token dfnsops runs with, so that rotating the operator's own key switches the run to the new key.
    var operatorToken: String?

    /// Writes a version as `pending`, trying a few times: the value may exist nowhere else.
    func writePendingWithRetries(
        _ material: SecretMaterial, store: any SecretStore, entry: SecretEntryPath, fingerprint: String?,
        metadata: SecretVersionMetadata
    ) async throws {
        var lastError: (any Error)?
        for attempt in 1...max(1, secretWriteAttempts) {
            do {
                _ = try await store.writePending(material, to: entry, fingerprint: fingerprint, metadata: metadata)
                return
            } catch {
                lastError = error
                if attempt < secretWriteAttempts { try? await Task.sleep(for: .milliseconds(100 * attempt)) }
            }
        }
        throw lastError ?? ApplyError("the store write failed")
    }

    /// Dfns returns a new object's secret (a principal's token, a webhook's secret) only once, with the object:
    /// stores it, or deletes the object again when Dfns returned none or the write failed, so that nothing exists
    /// whose secret is lost. Returns the secret.
    /// - Parameters:
    ///   - noun: what the secret is called in the messages (`token`, `secret`).
    ///   - object: the new object in words (`the new ServiceAccount/ci`, `the twin of Webhook/alerts`).
    ///   - afterDeleting: how the message of a failed write ends, once the object is deleted.
    ///   - write: stores the secret.
    ///   - delete: deletes the new object; a failure there is not reported over the error that caused it.
    func storeOrDelete(
        _ secret: String?, noun: String, of object: String, afterDeleting: String = "it was deleted again",
        write: (String) async throws -> Void, delete: () async throws -> Void
    ) async throws -> String {
        guard let secret else {
            try? await delete()
            throw ApplyError("Dfns returned no \(noun) for \(object); it was deleted again")
        }
        do {
            try await write(secret)
        } catch {
            try? await delete()
            throw ApplyError("could not store the \(noun) of \(object) (\(error)); \(afterDeleting)")
        }
        return secret
    }

    /// Deactivates one of the acting principal's credentials; a service account refused the credential endpoints
    /// deletes it through the service-account credential endpoint instead (the effect's `orElse`).
    func deactivateCredential(_ uuid: String, as principal: Client, isServiceAccount: Bool) async throws {
        do {
            _ = try await principal.deactivateCredential(uuid: uuid).required("deactivating credential \(uuid)")
        } catch let error as DfnsAPIError where isServiceAccount && (error.status == 403 || error.status == 401) {
            _ = try await principal.deleteServiceAccountCredential(uuid: uuid).required("deleting credential \(uuid)")
        }
    }

    /// Proves an identity works: obtains a user-action token signed with its key (the token is not used).
    func verifySigning(_ identity: DfnsIdentity, what: String) async throws {
        guard let signer = identity.signer else { throw ApplyError("\(what) has no key to sign with") }
        let scoped = client.acting(as: identity)
        let challenge = try await scoped.initUserAction(
            UserActionInitRequest(method: "POST", path: "/auth/credentials/init", payload: #"{"kind":"Key"}"#))
        guard challenge.allowCredentials.key.contains(where: { $0.id == signer.credentialId }) else {
            throw ApplyError("\(what) is not among the credentials Dfns allows to sign, so it is not put in use")
        }
        let assertion = try signer.assertion(forChallenge: challenge.challenge)
        _ = try await scoped.completeUserAction(
            UserActionCompleteRequest(
                challengeIdentifier: challenge.challengeIdentifier,
                firstFactor: UserActionFactor(credentialAssertion: assertion)))
    }
}

/// Dfns is holding a change for a policy approval: the action stops there and reports it.
struct PendingApprovalStop: Error {
    var message: String
}

/// A guard that blocked a rotation step at apply time (for example a receiver that rejects the new secret).
struct GuardBlocked: Error {
    var message: String
}

extension MutationOutcome {
    /// The change's answer, or a stop of the action when Dfns holds the change for approval.
    /// - Parameter what: the change, in words, for the message (`deleting webhook wh-…`).
    func required(_ what: String) throws -> Value {
        switch self {
        case .done(let value): return value
        case .pendingApproval(let approval):
            throw PendingApprovalStop(
                message: "\(what) is waiting for a policy approval\(approval.id.map { " (\($0))" } ?? ""); "
                    + "apply again once it is approved")
        }
    }
}
