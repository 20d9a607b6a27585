extension Manifest {
    /// True when the manifest sets `protect: true`: the object is never deactivated or deleted.
    public var isProtected: Bool {
        switch self {
        case .serviceAccount(let declared): declared.spec.protect
        case .personalAccessToken(let declared): declared.spec.protect
        case .webhook(let declared): declared.spec.protect
        case .passkeyPolicy, .secretStore, .settings: false
        }
    }
}
