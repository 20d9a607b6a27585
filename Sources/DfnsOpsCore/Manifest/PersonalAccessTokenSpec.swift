/// The desired state of a Dfns personal access token (owned by the operator's user).
public struct PersonalAccessTokenSpec: ManifestSpec {
    /// ``ManifestKind/personalAccessToken``.
    public static let kind = ManifestKind.personalAccessToken

    /// The Dfns name; defaults to `metadata.name`.
    public var name: String
    /// Whether the token should be active; `true` by default.
    public var active: Bool
    /// Permission names or ids (`pm-…`) to assign.
    public var permissions: [String]
    /// Validity in days (1–730); excludes ``secondsValid``.
    public var daysValid: Int?
    /// Validity in seconds (≥ 1); excludes ``daysValid``.
    public var secondsValid: Int?
    /// The signing key: algorithm and rotation.
    public var key: KeySpec
    /// Where the key and token are kept; filled in a ``DesiredState`` (Settings' default store, else
    /// the only declared store).
    public var store: StoreReference?
    /// What dfnsops may do to the token.
    public var management: ManagementMode
    /// Never deactivate or delete it.
    public var protect: Bool
    /// The id (`to-…`) of an existing token to adopt.
    public var adopt: String?
    /// Whether this is the identity dfnsops itself runs as.
    public var isOperator: Bool

    /// Creates a spec; defaults as documented on each property.
    public init(
        name: String,
        active: Bool = true,
        permissions: [String] = [],
        daysValid: Int? = nil,
        secondsValid: Int? = nil,
        key: KeySpec = KeySpec(),
        store: StoreReference? = nil,
        management: ManagementMode = .managed,
        protect: Bool = false,
        adopt: String? = nil,
        isOperator: Bool = false
    ) {
        self.name = name
        self.active = active
        self.permissions = permissions
        self.daysValid = daysValid
        self.secondsValid = secondsValid
        self.key = key
        self.store = store
        self.management = management
        self.protect = protect
        self.adopt = adopt
        self.isOperator = isOperator
    }
}
