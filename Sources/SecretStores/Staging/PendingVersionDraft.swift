import DfnsWire
import Foundation

/// A checked request to write a pending version: the material, its fingerprint (given for keys, computed for
/// webhook secrets) and its metadata. Every store builds one before touching storage, so a bad request
/// changes nothing.
struct PendingVersionDraft: Sendable {
    let entry: SecretEntryPath
    let material: SecretMaterial
    let fingerprint: String
    let metadata: SecretVersionMetadata

    init(
        entry: SecretEntryPath,
        material: SecretMaterial,
        fingerprint: String?,
        metadata: SecretVersionMetadata
    ) throws(SecretStoreError) {
        switch material.storage {
        case .privateKey(let pem, _, let token):
            if pem.isEmpty || token?.isEmpty == true { throw .emptyMaterial(entry) }
            guard let fingerprint else { throw .missingFingerprint(entry) }
            guard SecretFingerprint.isWellFormed(fingerprint) else {
                throw .malformedFingerprint(entry, fingerprint: fingerprint)
            }
            self.fingerprint = fingerprint
        case .webhookSecret(let secret):
            if secret.isEmpty { throw .emptyMaterial(entry) }
            let computed = SecretFingerprint.ofWebhookSecret(secret)
            if let fingerprint, fingerprint != computed {
                throw .fingerprintMismatch(entry, given: fingerprint, computed: computed)
            }
            self.fingerprint = computed
        }
        var metadata = metadata
        if metadata.credentialId == nil { metadata.credentialId = material.credentialId }
        self.entry = entry
        self.material = material
        self.metadata = metadata
    }

    /// Describes the version once it has a number and a creation time (truncated to whole seconds, the
    /// precision every store keeps).
    func versionInfo(version: Int, createdAt: Date) -> SecretVersionInfo {
        SecretVersionInfo(
            version: version,
            createdAt: Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down)),
            fingerprint: fingerprint,
            kind: material.kind,
            metadata: metadata
        )
    }

    /// The stored form of the version.
    func document(version: Int) -> VersionDocument {
        VersionDocument(version: version, fingerprint: fingerprint, material: material)
    }
}
