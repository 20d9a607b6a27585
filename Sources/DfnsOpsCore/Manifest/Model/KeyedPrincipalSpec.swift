/// The desired state of a Dfns service account or personal access token (owned by the operator's user): one
/// model for both kinds, which differ only in ``secondsValid`` (PATs only) and the prefix of an adopted id.
public struct KeyedPrincipalSpec: ManifestSpec {
    /// ``ManifestKind/serviceAccount`` or ``ManifestKind/personalAccessToken``.
    public var kind: ManifestKind
    /// The Dfns name; defaults to `metadata.name`.
    public var name: String
    /// Whether the principal should be active; `true` by default.
    public var active: Bool
    /// Permission names or ids (`pm-…`) to assign.
    public var permissions: [String]
    /// Token validity in days (1–730), sent at creation; for PATs it excludes ``secondsValid``.
    public var daysValid: Int?
    /// A PAT's validity in seconds (≥ 1); excludes ``daysValid``. Service accounts have none.
    public var secondsValid: Int?
    /// The signing key: algorithm and rotation (Settings' rotation defaults filled in a ``DesiredState``).
    public var key: KeySpec
    /// Where the key and token are kept; resolved in a ``DesiredState`` (Settings' default store, else
    /// the only declared store).
    public var store: StoreReference?
    /// What dfnsops may do to the principal.
    public var management: ManagementMode
    /// Never deactivate or delete it.
    public var protect: Bool
    /// The id of an existing principal to adopt (`us-…` for service accounts, `to-…` for PATs).
    public var adopt: String?
    /// Whether this is the identity dfnsops itself runs as.
    public var isOperator: Bool

    /// Creates a spec; defaults as documented on each property.
    public init(
        kind: ManifestKind,
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
        precondition(kind.isKeyedPrincipal, "\(kind.rawValue) is not a service account or PAT")
        self.kind = kind
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

/// A declared service account or PAT.
public typealias DeclaredPrincipal = Declared<KeyedPrincipalSpec>

extension Declared where Spec == KeyedPrincipalSpec {
    /// The name the principal carries in Dfns (`spec.name`), as opposed to its manifest name.
    public var dfnsName: String { spec.name }
}
