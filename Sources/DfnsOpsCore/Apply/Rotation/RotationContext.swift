import DfnsAPI
import Foundation
import SecretStores

/// What a rotation step reads before it acts: the store entry, its stages and the current material.
struct RotationContext: Sendable {
    var store: any SecretStore
    var entry: SecretEntryPath
    var metadata: EntryMetadata

    /// Reads the entry's stages afresh.
    /// - Parameter address: the rotating object (`Kind/name`), for the error when the store holds nothing.
    static func read(_ store: any SecretStore, _ entry: SecretEntryPath, address: ObjectAddress) async throws
        -> RotationContext
    {
        guard let metadata = try await store.metadata(of: entry) else {
            throw ApplyError("\(address) has no store entry at \(entry); dfnsops holds no key to rotate")
        }
        return RotationContext(store: store, entry: entry, metadata: metadata)
    }

    /// The Dfns ids (principals, webhooks) that some stage of the entry names.
    var referencedIds: Set<String> {
        Set(metadata.stagedVersions.compactMap(\.version.metadata.principalId))
    }

    /// The principal or webhook the store's current version names.
    var currentId: String? { metadata.current?.metadata.principalId }

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

    /// The private key PEM of the pending version.
    func pendingKeyPEM() async throws -> String {
        let pending = try await store.readValue(of: entry, stage: .pending)
        guard let pem = pending.privateKeyPEM else {
            throw ApplyError("the pending version of \(entry) holds no key")
        }
        return pem
    }
}
