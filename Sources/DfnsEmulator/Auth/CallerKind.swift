/// The kinds of principal that call the API, as the endpoint matrix distinguishes them.
enum CallerKind: String, Sendable, Hashable, CaseIterable {
    /// A person in the organisation (`CustomerEmployee`), with a login token.
    case employee = "CustomerEmployee"
    /// A delegated end user (`EndUser`).
    case endUser = "EndUser"
    /// A service account, with its service-account token.
    case serviceAccount = "ServiceAccount"
    /// A personal access token, acting for its user with its own Key credential.
    case pat = "PersonalAccessToken"

    /// Every kind of caller.
    static let everyone: Set<CallerKind> = Set(allCases)
    /// People, not machines.
    static let people: Set<CallerKind> = [.employee, .endUser]
}
