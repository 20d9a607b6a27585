import DfnsAPI
import Foundation
import SecretStores

/// What a rotation step reads before it acts: the store entry, its stages and the current material.
struct RotationContext: Sendable {
    var store: any SecretStore
    var entry: SecretEntryPath
    var metadata: EntryMetadata

    /// The key, credential and token of one stage, for signing as the principal.
    func identity(_ stage: SecretStage) async throws -> (identity: DfnsIdentity, key: PrivateSigningKey) {
        let material = try await store.readValue(of: entry, stage: stage)
        guard let pem = material.privateKeyPEM, let token = material.token else {
            throw ApplyError("the \(stage.rawValue) version of \(entry) holds no key and token")
        }
        guard let credentialId = material.credentialId ?? metadata[stage]?.metadata.credentialId else {
            throw ApplyError("the \(stage.rawValue) version of \(entry) has no credential id yet")
        }
        let key = try PrivateSigningKey(pem: pem)
        return (
            DfnsIdentity(token: token, signer: KeyCredentialSigner(credentialId: credentialId, privateKey: key)), key
        )
    }
}

/// A guard that blocked a rotation step at apply time (for example a receiver that rejects the new secret).
struct GuardBlocked: Error {
    var message: String
}
