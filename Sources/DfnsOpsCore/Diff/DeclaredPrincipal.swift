/// A declared service account or PAT, in the shape the diff needs for both.
struct DeclaredPrincipal: Sendable {
    var kind: ManifestKind
    var name: String
    var dfnsName: String
    var active: Bool
    var permissions: [String]
    var key: KeySpec
    var store: StoreReference?
    var management: ManagementMode
    var protect: Bool
    var adopt: String?
    var isOperator: Bool
    var daysValid: Int?
    var secondsValid: Int?

    /// Takes the declared spec, with the Settings rotation defaults filled in.
    init<Spec: KeyedPrincipalSpec>(_ declared: Declared<Spec>, defaults: RotationDefaults?) {
        let spec = declared.spec
        kind = Spec.kind
        name = declared.name
        dfnsName = spec.name
        active = spec.active
        permissions = spec.permissions
        key = spec.key
        key.rotation = key.rotation.filled(from: defaults)
        store = spec.store
        management = spec.management
        protect = spec.protect
        adopt = spec.adopt
        isOperator = spec.isOperator
        daysValid = spec.daysValid
        secondsValid = spec.validSeconds
    }

    var marker: OwnershipMarker { OwnershipMarker(kind: kind, name: name) }
    var address: String { "\(kind.rawValue)/\(name)" }
}
