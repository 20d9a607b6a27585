/// Everything the manifests declare, validated, with Settings' defaults resolved once, in validation.
///
/// The store of each service account, PAT and webhook secret, when not set, is `Settings.spec.defaults.store`, or
/// else the only declared SecretStore, with the path `<kind folder>/<name>`; absent rotation values come from
/// `Settings.spec.defaults.rotation`. Both are filled into the specs here, so nothing downstream applies defaults
/// again. Objects are in load order (sorted file paths, then document order).
public struct DesiredState: Sendable, Hashable {
    /// Declared service accounts, then PATs, each in load order.
    public var keyedPrincipals: [DeclaredPrincipal]
    /// Declared webhooks.
    public var webhooks: [Declared<WebhookSpec>]
    /// Declared passkey policies.
    public var passkeyPolicies: [Declared<PasskeyPolicySpec>]
    /// Declared secret stores.
    public var secretStores: [Declared<SecretStoreSpec>]
    /// The Settings manifest, if there is one.
    public var settingsManifest: Declared<SettingsSpec>?

    /// Creates a desired state.
    public init(
        keyedPrincipals: [DeclaredPrincipal] = [],
        webhooks: [Declared<WebhookSpec>] = [],
        passkeyPolicies: [Declared<PasskeyPolicySpec>] = [],
        secretStores: [Declared<SecretStoreSpec>] = [],
        settingsManifest: Declared<SettingsSpec>? = nil
    ) {
        self.keyedPrincipals = keyedPrincipals
        self.webhooks = webhooks
        self.passkeyPolicies = passkeyPolicies
        self.secretStores = secretStores
        self.settingsManifest = settingsManifest
    }

    /// The declared service accounts, in load order.
    public var serviceAccounts: [DeclaredPrincipal] { keyedPrincipals.filter { $0.kind == .serviceAccount } }

    /// The declared personal access tokens, in load order.
    public var personalAccessTokens: [DeclaredPrincipal] {
        keyedPrincipals.filter { $0.kind == .personalAccessToken }
    }

    /// The effective settings: the Settings manifest's spec, or the defaults when there is none.
    public var settings: SettingsSpec { settingsManifest?.spec ?? SettingsSpec() }

    /// Every manifest: kinds in declaration order of ``ManifestKind``, load order within each kind.
    public var manifests: [Manifest] {
        keyedPrincipals.map(Manifest.keyedPrincipal) + webhooks.map(Manifest.webhook)
            + passkeyPolicies.map(Manifest.passkeyPolicy)
            + secretStores.map(Manifest.secretStore) + (settingsManifest.map { [Manifest.settings($0)] } ?? [])
    }

    /// The number of declared manifests.
    public var count: Int {
        keyedPrincipals.count + webhooks.count + passkeyPolicies.count + secretStores.count
            + (settingsManifest == nil ? 0 : 1)
    }

    /// Whether nothing is declared. An empty desired state never prunes anything.
    public var isEmpty: Bool { count == 0 }

    /// Whether any service account, PAT or webhook is declared: only then may anything be pruned.
    public var declaresDfnsObjects: Bool { !(keyedPrincipals.isEmpty && webhooks.isEmpty) }

    /// The manifest marked `operator: true`, if any.
    public var operatorManifest: Manifest? { manifests.first { $0.isOperator } }

    /// The secret store named `name`.
    public func secretStore(named name: String) -> Declared<SecretStoreSpec>? {
        secretStores.first { $0.metadata.name == name }
    }

    /// The manifest that owns `marker`, if one is declared.
    public func manifest(for marker: OwnershipMarker) -> Manifest? {
        manifests.first { $0.kind == marker.kind && $0.name == marker.name }
    }

    /// The manifest declared at `address`, if any.
    public func manifest(at address: ObjectAddress) -> Manifest? { manifest(for: address.marker) }

    /// The manifest that adopts the Dfns id `id`, if any.
    public func manifest(adopting id: String) -> Manifest? {
        manifests.first { $0.adoptedID == id }
    }
}
