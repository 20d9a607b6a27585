/// The authenticated principal of one request.
struct Caller: Sendable {
    var kind: CallerKind
    var user: StoredUser
    var token: StoredAccessToken
    /// The operations the caller may perform.
    var operations: Set<String>

    var orgId: String { user.orgId }
    var userId: String { user.userId }
    var tokenId: String { token.tokenId }

    /// Whose Key credentials sign this caller's user actions: the PAT's own for a PAT, the user's otherwise.
    var credentialOwnerId: String { kind == .pat ? token.tokenId : user.userId }

    /// How error messages name the caller, as Dfns does: `CustomerEmployee us-…`.
    var label: String {
        switch kind {
        case .pat: "PersonalAccessToken \(token.tokenId)"
        case .serviceAccount: "ServiceAccount \(user.userId)"
        case .employee, .endUser: "\(user.kind) \(user.userId)"
        }
    }
}
