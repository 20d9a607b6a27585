/// What a Dfns endpoint demands of its caller, from the authorization matrix (reference §3).
struct RouteRequirements: Sendable {
    /// Who may call it.
    var callers: Set<CallerKind>
    /// The permission operation the caller must hold, if any.
    var permission: String?
    /// Whether the call needs a user action (`X-DFNS-USERACTION`).
    var userAction: Bool
    /// Whether `--strict-credential-matrix` closes it to service accounts and PATs.
    var credentialEndpoint: Bool

    init(
        callers: Set<CallerKind> = CallerKind.everyone, permission: String? = nil, userAction: Bool = false,
        credentialEndpoint: Bool = false
    ) {
        self.callers = callers
        self.permission = permission
        self.userAction = userAction
        self.credentialEndpoint = credentialEndpoint
    }

    /// A read with a permission.
    static func read(_ permission: String?, callers: Set<CallerKind> = CallerKind.everyone) -> RouteRequirements {
        RouteRequirements(callers: callers, permission: permission)
    }

    /// A signed mutation with a permission.
    static func mutation(_ permission: String?, callers: Set<CallerKind> = CallerKind.everyone) -> RouteRequirements {
        RouteRequirements(callers: callers, permission: permission, userAction: true)
    }
}
