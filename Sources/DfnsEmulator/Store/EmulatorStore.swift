import DfnsAPI
import Foundation

/// The emulated Dfns organisations: all state, behind one actor, read and changed only through its methods.
///
/// Every mutating method persists the state (when a state file is configured) before it returns.
public actor EmulatorStore {
    /// Limits and switches that the store enforces.
    struct Settings: Sendable {
        var webhookLimit: Int
        var userActionLifetime: TimeInterval
        var operatorTokenLifetime: TimeInterval
        var strictCredentialMatrix: Bool
    }

    var state: EmulatorState
    let clock: any EmulatorClock
    let settings: Settings
    let stateFile: StateFile?
    let tokenSigner: TokenSigner
    /// How many mutations the store has applied since start (for "nothing was changed" assertions).
    private(set) var mutationsApplied = 0

    init(state: EmulatorState, clock: any EmulatorClock, settings: Settings, stateFile: StateFile?) {
        self.state = state
        self.clock = clock
        self.settings = settings
        self.stateFile = stateFile
        self.tokenSigner = TokenSigner(base64Key: state.tokenSigningKey)
    }

    /// The current time on the store's clock.
    var now: Date { clock.now() }

    /// Records that a mutation happened and writes the state file.
    /// - Throws: `EmulatorError` 500 when the state cannot be written.
    func commit() throws {
        mutationsApplied += 1
        try persist()
    }

    /// Writes the state file, if there is one.
    func persist() throws {
        guard let stateFile else { return }
        do {
            try stateFile.save(state)
        } catch {
            throw EmulatorError(500, "the emulator could not save its state: \(error)")
        }
    }

    /// Drops challenges, user actions and codes that have expired.
    func pruneExpired() {
        let now = self.now
        state.userActionChallenges.removeAll { $0.expiresAt <= now }
        state.userActionTokens.removeAll { $0.expiresAt.addingTimeInterval(settings.userActionLifetime) <= now }
        state.credentialChallenges.removeAll { $0.expiresAt <= now }
        state.credentialCodes.removeAll { $0.expiresAt <= now }
    }

    /// The whole state as pretty JSON, for the admin dump.
    public func stateDump() throws -> Data {
        try EmulatorState.encoder.encode(state)
    }

    /// The operator credentials of every organisation, the first bootstrapped one first.
    public func operatorCredentials(apiURL: String = "") -> [OperatorCredentials] {
        state.operators.map {
            OperatorCredentials(
                apiURL: apiURL, authToken: $0.authToken, credentialId: $0.credentialId,
                privateKeyPEM: $0.privateKeyPEM, userId: $0.userId, orgId: $0.orgId)
        }
    }

    /// The number of mutations applied since start.
    public func appliedMutationCount() -> Int { mutationsApplied }

    // MARK: lookups

    func user(_ id: String, in orgId: String) -> StoredUser? {
        state.users.first { $0.userId == id && $0.orgId == orgId }
    }

    func userIndex(_ id: String, in orgId: String) -> Int? {
        state.users.firstIndex { $0.userId == id && $0.orgId == orgId }
    }

    func tokenIndex(_ id: String, in orgId: String) -> Int? {
        state.tokens.firstIndex { $0.tokenId == id && $0.orgId == orgId }
    }

    func credential(uuid: String) -> StoredCredential? {
        state.credentials.first { $0.credentialUuid == uuid }
    }

    func permissionIndex(_ id: String, in orgId: String) -> Int? {
        state.permissions.firstIndex { $0.id == id && $0.orgId == orgId }
    }

    func webhookIndex(_ id: String, in orgId: String) -> Int? {
        state.webhooks.firstIndex { $0.id == id && $0.orgId == orgId }
    }

    /// The operations an identity (user, service account or token id) holds through unarchived permissions.
    func operations(ofIdentity identityId: String) -> Set<String> {
        var operations = Set<String>()
        for assignment in state.assignments where assignment.identityId == identityId {
            guard let permission = state.permissions.first(where: { $0.id == assignment.permissionId }),
                !permission.isArchived
            else { continue }
            operations.formUnion(permission.operations)
        }
        return operations
    }

    /// Whether a token id has permissions of its own.
    func hasOwnAssignments(_ identityId: String) -> Bool {
        state.assignments.contains { $0.identityId == identityId }
    }

    /// Refuses the call unless the caller holds `operation`.
    func require(_ operation: String, _ caller: Caller) throws {
        guard caller.operations.contains(operation) else {
            throw EmulatorError.forbidden(
                "\(caller.label) is not authorized to perform operation (\(operation))",
                details: .object(["operation": .string(operation)]))
        }
    }
}
