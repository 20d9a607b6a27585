/// The stored form of one version: its number, fingerprint and secret material.
///
/// Stores persist it as JSON (the file store as `@v<number>.json`, the exec store under `<entry>/@v<number>`).
/// Its description is redacted like ``SecretMaterial``'s.
struct VersionDocument: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The on-disk format version.
    var format: Int = 1
    /// The version number; must match the name the document is stored under.
    var version: Int
    /// The fingerprint recorded when the version was written.
    var fingerprint: String
    /// The kind of material.
    var kind: SecretMaterial.Kind
    /// The private key in PEM form, for a key.
    var privateKeyPEM: String?
    /// The credential id stored with a key.
    var credentialId: String?
    /// The token stored with a key.
    var token: String?
    /// The webhook secret, for a webhook.
    var webhookSecret: String?

    init(version: Int, fingerprint: String, material: SecretMaterial) {
        self.version = version
        self.fingerprint = fingerprint
        self.kind = material.kind
        self.privateKeyPEM = material.privateKeyPEM
        self.credentialId = material.credentialId
        self.token = material.token
        self.webhookSecret = material.webhookSecret
    }

    /// Rebuilds the material, checking that the fields match the kind.
    func material(for entry: SecretEntryPath) throws(SecretStoreError) -> SecretMaterial {
        switch kind {
        case .privateKey:
            guard let pem = privateKeyPEM else {
                throw .corruptEntry(entry, detail: "version \(version) is a private key without a PEM")
            }
            return .privateKey(pem: pem, credentialId: credentialId, token: token)
        case .webhookSecret:
            guard let secret = webhookSecret else {
                throw .corruptEntry(entry, detail: "version \(version) is a webhook secret without a value")
            }
            return .webhookSecret(secret)
        }
    }

    var description: String { "VersionDocument(version: \(version), kind: \(kind), value: <redacted>)" }
}
