/// One validated manifest document, typed by kind.
public enum Manifest: Sendable, Hashable {
    /// A `ServiceAccount`.
    case serviceAccount(Declared<ServiceAccountSpec>)
    /// A `PersonalAccessToken`.
    case personalAccessToken(Declared<PersonalAccessTokenSpec>)
    /// A `Webhook`.
    case webhook(Declared<WebhookSpec>)
    /// A `PasskeyPolicy`.
    case passkeyPolicy(Declared<PasskeyPolicySpec>)
    /// A `SecretStore`.
    case secretStore(Declared<SecretStoreSpec>)
    /// The `Settings`.
    case settings(Declared<SettingsSpec>)

    /// The kind.
    public var kind: ManifestKind {
        switch self {
        case .serviceAccount: .serviceAccount
        case .personalAccessToken: .personalAccessToken
        case .webhook: .webhook
        case .passkeyPolicy: .passkeyPolicy
        case .secretStore: .secretStore
        case .settings: .settings
        }
    }

    /// The metadata.
    public var metadata: ManifestMetadata {
        switch self {
        case .serviceAccount(let declared): declared.metadata
        case .personalAccessToken(let declared): declared.metadata
        case .webhook(let declared): declared.metadata
        case .passkeyPolicy(let declared): declared.metadata
        case .secretStore(let declared): declared.metadata
        case .settings(let declared): declared.metadata
        }
    }

    /// Where it was declared.
    public var origin: ManifestOrigin {
        switch self {
        case .serviceAccount(let declared): declared.origin
        case .personalAccessToken(let declared): declared.origin
        case .webhook(let declared): declared.origin
        case .passkeyPolicy(let declared): declared.origin
        case .secretStore(let declared): declared.origin
        case .settings(let declared): declared.origin
        }
    }

    /// `metadata.name`.
    public var name: String { metadata.name }

    /// `<kind>/<name>`.
    public var reference: String { "\(kind.rawValue)/\(name)" }

    /// The Dfns id this manifest adopts, if any.
    public var adoptedID: String? {
        switch self {
        case .serviceAccount(let declared): declared.spec.adopt
        case .personalAccessToken(let declared): declared.spec.adopt
        case .webhook(let declared): declared.spec.adopt
        case .passkeyPolicy, .secretStore, .settings: nil
        }
    }

    /// Whether this manifest declares the operator.
    public var isOperator: Bool {
        switch self {
        case .serviceAccount(let declared): declared.spec.isOperator
        case .personalAccessToken(let declared): declared.spec.isOperator
        case .webhook, .passkeyPolicy, .secretStore, .settings: false
        }
    }
}
