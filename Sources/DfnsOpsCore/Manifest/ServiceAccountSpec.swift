/// The desired state of a Dfns service account.
public struct ServiceAccountSpec: ManifestSpec {
    /// ``ManifestKind/serviceAccount``.
    public static let kind = ManifestKind.serviceAccount

    /// The Dfns name; defaults to `metadata.name`.
    public var name: String
    /// Whether the account should be active; `true` by default.
    public var active: Bool
    /// Permission names or ids (`pm-…`) to assign.
    public var permissions: [String]
    /// Token validity in days (1–730), sent at creation.
    public var daysValid: Int?
    /// The signing key: algorithm and rotation.
    public var key: KeySpec
    /// Where the key and token are kept; filled in a ``DesiredState`` (Settings' default store, else
    /// the only declared store).
    public var store: StoreReference?
    /// What dfnsops may do to the account.
    public var management: ManagementMode
    /// Never deactivate or delete it.
    public var protect: Bool
    /// The id (`us-…`) of an existing account to adopt.
    public var adopt: String?
    /// Whether this is the identity dfnsops itself runs as.
    public var isOperator: Bool

    /// Creates a spec; defaults as documented on each property.
    public init(
        name: String,
        active: Bool = true,
        permissions: [String] = [],
        daysValid: Int? = nil,
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
        self.key = key
        self.store = store
        self.management = management
        self.protect = protect
        self.adopt = adopt
        self.isOperator = isOperator
    }
}
