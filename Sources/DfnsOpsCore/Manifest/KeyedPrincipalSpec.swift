/// The spec fields service accounts and PATs share, so the diff and the executor treat both alike.
protocol KeyedPrincipalSpec: ManifestSpec {
    var name: String { get }
    var active: Bool { get }
    var permissions: [String] { get }
    var daysValid: Int? { get }
    var key: KeySpec { get set }
    var store: StoreReference? { get set }
    var management: ManagementMode { get }
    var protect: Bool { get }
    var adopt: String? { get }
    var isOperator: Bool { get }
    /// A PAT's lifetime in seconds; service accounts have none.
    var validSeconds: Int? { get }
}

extension ServiceAccountSpec: KeyedPrincipalSpec {
    var validSeconds: Int? { nil }
}

extension PersonalAccessTokenSpec: KeyedPrincipalSpec {
    var validSeconds: Int? { secondsValid }
}
