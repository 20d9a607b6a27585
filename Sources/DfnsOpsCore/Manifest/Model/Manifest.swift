/// One validated manifest document, typed by kind.
public enum Manifest: Sendable, Hashable {
    /// A `ServiceAccount` or `PersonalAccessToken`.
    case keyedPrincipal(DeclaredPrincipal)
    /// A `Webhook`.
    case webhook(Declared<WebhookSpec>)
    /// A `PasskeyPolicy`.
    case passkeyPolicy(Declared<PasskeyPolicySpec>)
    /// A `SecretStore`.
    case secretStore(Declared<SecretStoreSpec>)
    /// The `Settings`.
    case settings(Declared<SettingsSpec>)

    /// The kind.
    public var kind: ManifestKind { address.kind }

    /// `<kind>/<name>`.
    public var address: ObjectAddress {
        switch self {
        case .keyedPrincipal(let declared): declared.address
        case .webhook(let declared): declared.address
        case .passkeyPolicy(let declared): declared.address
        case .secretStore(let declared): declared.address
        case .settings(let declared): declared.address
        }
    }

    /// Where it was declared.
    public var origin: ManifestOrigin {
        switch self {
        case .keyedPrincipal(let declared): declared.origin
        case .webhook(let declared): declared.origin
        case .passkeyPolicy(let declared): declared.origin
        case .secretStore(let declared): declared.origin
        case .settings(let declared): declared.origin
        }
    }

    /// `metadata.name`.
    public var name: String { address.name }

    /// The Dfns id this manifest adopts, if any.
    public var adoptedID: String? {
        switch self {
        case .keyedPrincipal(let declared): declared.adopt
        case .webhook(let declared): declared.adopt
        case .passkeyPolicy, .secretStore, .settings: nil
        }
    }

    /// Whether this manifest declares the operator.
    public var isOperator: Bool {
        if case .keyedPrincipal(let declared) = self { return declared.isOperator }
        return false
    }

    /// True when the manifest sets `protect: true`: the object is never deactivated or deleted.
    public var isProtected: Bool {
        switch self {
        case .keyedPrincipal(let declared): declared.protect
        case .webhook(let declared): declared.protect
        case .passkeyPolicy, .secretStore, .settings: false
        }
    }
}
