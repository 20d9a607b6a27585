import DfnsAPI
import SecretStores

/// Chooses the key dfnsops signs with: when the manifest marked `operator: true` holds, in its store's `current`
/// version, the same token as the configured identity, that version's key and credential win — after dfnsops
/// rotated its own key, the store is the source of truth, not a stale `DFNS_PRIVATE_KEY`.
public enum OperatorIdentityResolver {
    public static func resolve(
        configured: DfnsIdentity, desired: DesiredState, stores: [String: any SecretStore]
    ) async -> DfnsIdentity {
        for declared in desired.keyedPrincipals where declared.isOperator {
            guard let location = declared.storeLocation,
                let store = stores[location.store], let entry = try? SecretEntryPath(location.path),
                let material = try? await store.readValue(of: entry, stage: .current),
                material.token == configured.token, let pem = material.privateKeyPEM,
                let credentialId = material.credentialId, let key = try? PrivateSigningKey(pem: pem)
            else { continue }
            return DfnsIdentity(
                token: configured.token, signer: KeyCredentialSigner(credentialId: credentialId, privateKey: key))
        }
        return configured
    }
}
