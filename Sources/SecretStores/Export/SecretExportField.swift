/// The part of a version's material that `dfnsops secrets export` writes.
public enum SecretExportField: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The private key in PEM form (the default for a key).
    case privateKey = "private-key"
    /// The service-account or PAT token stored with a key.
    case token
    /// The webhook secret (the default for a webhook).
    case webhookSecret = "webhook-secret"

    /// The field's name as the CLI spells it.
    public var description: String { rawValue }

    /// The field exported when none is named: the key for a key, the secret for a webhook.
    ///
    /// - Parameter kind: The kind of material.
    /// - Returns: The default field for that kind.
    public static func defaultField(for kind: SecretMaterial.Kind) -> SecretExportField {
        switch kind {
        case .privateKey: .privateKey
        case .webhookSecret: .webhookSecret
        }
    }
}
