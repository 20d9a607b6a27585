/// Everything the manifests declare, validated, with Settings' defaults applied.
///
/// The store of each service account, PAT and webhook secret, when not set, is `Settings.spec.defaults.store`, or
/// else the only declared SecretStore, with the path `<kind folder>/<name>`; absent rotation values come from
/// `Settings.spec.defaults.rotation`. Objects are in load order (sorted
/// file paths, then document order).
public struct DesiredState: Sendable, Hashable {
    /// Declared service accounts.
    public var serviceAccounts: [Declared<ServiceAccountSpec>]
    /// Declared personal access tokens.
    public var personalAccessTokens: [Declared<PersonalAccessTokenSpec>]
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
        serviceAccounts: [Declared<ServiceAccountSpec>] = [],
        personalAccessTokens: [Declared<PersonalAccessTokenSpec>] = [],
        webhooks: [Declared<WebhookSpec>] = [],
        passkeyPolicies: [Declared<PasskeyPolicySpec>] = [],
        secretStores: [Declared<SecretStoreSpec>] = [],
        settingsManifest: Declared<SettingsSpec>? = nil
    ) {
        self.serviceAccounts = serviceAccounts
        self.personalAccessTokens = personalAccessTokens
        self.webhooks = webhooks
        self.passkeyPolicies = passkeyPolicies
        self.secretStores = secretStores
        self.settingsManifest = settingsManifest
    }

    /// The effective settings: the Settings manifest's spec, or the defaults when there is none.
    public var settings: SettingsSpec { settingsManifest?.spec ?? SettingsSpec() }

    /// Every manifest, in load order within each kind, kinds in declaration order of ``ManifestKind``.
    public var manifests: [Manifest] {
        serviceAccounts.map(Manifest.serviceAccount) + personalAccessTokens.map(Manifest.personalAccessToken)
            + webhooks.map(Manifest.webhook) + passkeyPolicies.map(Manifest.passkeyPolicy)
            + secretStores.map(Manifest.secretStore) + (settingsManifest.map { [Manifest.settings($0)] } ?? [])
    }

    /// The number of declared manifests.
    public var count: Int {
        serviceAccounts.count + personalAccessTokens.count + webhooks.count + passkeyPolicies.count
            + secretStores.count + (settingsManifest == nil ? 0 : 1)
    }

    /// Whether nothing is declared. An empty desired state never prunes anything.
    public var isEmpty: Bool { count == 0 }

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

    /// The manifest that adopts the Dfns id `id`, if any.
    public func manifest(adopting id: String) -> Manifest? {
        manifests.first { $0.adoptedID == id }
    }
}
