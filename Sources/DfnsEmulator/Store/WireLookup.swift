/// Lookups for rendering many wire models in one response, built once per list request.
///
/// Without them each model scans every token, credential, assignment and permission the emulator holds, so
/// listing thousands of service accounts or PATs is quadratic. Each lookup gives what the scan it replaces gave,
/// in the same order (the first match, or every match in state order).
struct WireLookup {
    private var tokensByUser: [String: [StoredAccessToken]] = [:]
    private var credentialsByUuid: [String: StoredCredential] = [:]
    private var assignmentsByIdentity: [String: [StoredAssignment]] = [:]
    private var permissionsById: [String: StoredPermission] = [:]

    init(_ state: EmulatorState) {
        for token in state.tokens { tokensByUser[token.linkedUserId, default: []].append(token) }
        for credential in state.credentials where credentialsByUuid[credential.credentialUuid] == nil {
            credentialsByUuid[credential.credentialUuid] = credential
        }
        for assignment in state.assignments {
            assignmentsByIdentity[assignment.identityId, default: []].append(assignment)
        }
        for permission in state.permissions where permissionsById[permission.id] == nil {
            permissionsById[permission.id] = permission
        }
    }

    /// The tokens linked to a user, in state order.
    func tokens(linkedTo userId: String) -> [StoredAccessToken] { tokensByUser[userId] ?? [] }

    /// The first credential with this uuid.
    func credential(uuid: String) -> StoredCredential? { credentialsByUuid[uuid] }

    /// The assignments of an identity, in state order.
    func assignments(of identityId: String) -> [StoredAssignment] { assignmentsByIdentity[identityId] ?? [] }

    /// The first permission with this id.
    func permission(id: String) -> StoredPermission? { permissionsById[id] }
}
