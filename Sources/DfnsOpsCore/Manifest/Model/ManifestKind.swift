/// The kinds of manifest dfnsops understands, spelled as in the `kind` field.
public enum ManifestKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A Dfns service account and its signing key.
    case serviceAccount = "ServiceAccount"
    /// A Dfns personal access token and its signing key.
    case personalAccessToken = "PersonalAccessToken"
    /// A Dfns webhook and its secret.
    case webhook = "Webhook"
    /// A report-only policy over users' passkeys.
    case passkeyPolicy = "PasskeyPolicy"
    /// Where keys, tokens and webhook secrets are kept.
    case secretStore = "SecretStore"
    /// Organisation-wide defaults, guard limits, prune policy and drift ignore rules (at most one).
    case settings = "Settings"

    /// The kind as written in manifests.
    public var description: String { rawValue }

    /// Whether dfnsops creates Dfns objects of this kind, and therefore marks them with an ``OwnershipMarker``.
    public var isMarked: Bool {
        switch self {
        case .serviceAccount, .personalAccessToken, .webhook: true
        case .passkeyPolicy, .secretStore, .settings: false
        }
    }

    /// Whether objects of this kind are service accounts or PATs: principals that sign with a key.
    public var isKeyedPrincipal: Bool { self == .serviceAccount || self == .personalAccessToken }

    /// The folder under a secret store where entries of this kind go by default, such as `service-accounts`.
    public var defaultStoreFolder: String {
        switch self {
        case .serviceAccount: "service-accounts"
        case .personalAccessToken: "personal-access-tokens"
        case .webhook: "webhooks"
        case .passkeyPolicy: "passkey-policies"
        case .secretStore: "secret-stores"
        case .settings: "settings"
        }
    }
}
