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

    init(_ declared: Declared<ServiceAccountSpec>, defaults: RotationDefaults?) {
        kind = .serviceAccount
        name = declared.name
        dfnsName = declared.spec.name
        active = declared.spec.active
        permissions = declared.spec.permissions
        key = declared.spec.key
        key.rotation = key.rotation.filled(from: defaults)
        store = declared.spec.store
        management = declared.spec.management
        protect = declared.spec.protect
        adopt = declared.spec.adopt
        isOperator = declared.spec.isOperator
        daysValid = declared.spec.daysValid
    }

    init(_ declared: Declared<PersonalAccessTokenSpec>, defaults: RotationDefaults?) {
        kind = .personalAccessToken
        name = declared.name
        dfnsName = declared.spec.name
        active = declared.spec.active
        permissions = declared.spec.permissions
        key = declared.spec.key
        key.rotation = key.rotation.filled(from: defaults)
        store = declared.spec.store
        management = declared.spec.management
        protect = declared.spec.protect
        adopt = declared.spec.adopt
        isOperator = declared.spec.isOperator
        daysValid = declared.spec.daysValid
        secondsValid = declared.spec.secondsValid
    }

    var marker: OwnershipMarker { OwnershipMarker(kind: kind, name: name) }
    var address: String { "\(kind.rawValue)/\(name)" }
}
