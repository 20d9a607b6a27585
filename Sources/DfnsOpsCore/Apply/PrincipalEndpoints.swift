import DfnsAPI

/// The calls that differ between service accounts and PATs, so that create, update and retire are written once.
struct PrincipalEndpoints<Client: DfnsClient>: Sendable {
    /// What a create returned: the new principal's id, its one-time token and its credential id.
    struct Created: Sendable {
        var id: String
        var token: String?
        var credentialId: String
    }

    /// The keyed principals Dfns has.
    private enum Family: Sendable {
        case serviceAccount
        case personalAccessToken
    }

    private let family: Family
    var client: Client

    /// The endpoints of a keyed principal kind.
    /// - Throws: `ApplyError` for any other kind: a caller asked for principal endpoints where none exist, which is
    ///   a bug in dfnsops, not in the manifests.
    init(kind: ManifestKind, client: Client) throws {
        switch kind {
        case .serviceAccount: family = .serviceAccount
        case .personalAccessToken: family = .personalAccessToken
        case .webhook, .passkeyPolicy, .secretStore, .settings:
            throw ApplyError(
                "internal error: \(kind.rawValue) is not a service account or personal access token, so it has no "
                    + "principal endpoints; please report this")
        }
        self.client = client
    }

    func list() async throws -> [LivePrincipal] {
        switch family {
        case .personalAccessToken: try await client.listPersonalAccessTokens().map(LivePrincipal.init)
        case .serviceAccount: try await client.listServiceAccounts().map(LivePrincipal.init)
        }
    }

    func get(_ id: String) async throws -> LivePrincipal {
        switch family {
        case .personalAccessToken: LivePrincipal(try await client.getPersonalAccessToken(id: id))
        case .serviceAccount: LivePrincipal(try await client.getServiceAccount(id: id))
        }
    }

    /// Creates the principal; `generation` > 1 for a `replace` rotation's successor, whose `externalId` carries it.
    func create(_ declared: DeclaredPrincipal, publicKeyPEM: String, generation: Int = 1) async throws
        -> MutationOutcome<Created>
    {
        switch family {
        case .personalAccessToken:
            let request = CreatePersonalAccessTokenRequest(
                name: declared.dfnsName, publicKey: publicKeyPEM,
                externalId: declared.marker.externalId(generation: generation),
                daysValid: declared.daysValid, secondsValid: declared.secondsValid)
            return try await client.createPersonalAccessToken(request).map {
                Created(id: $0.tokenId, token: $0.accessToken, credentialId: $0.credId)
            }
        case .serviceAccount:
            let request = CreateServiceAccountRequest(
                name: declared.dfnsName, publicKey: publicKeyPEM,
                externalId: declared.marker.externalId(generation: generation),
                daysValid: declared.daysValid)
            return try await client.createServiceAccount(request).map { account in
                let token = account.accessTokens.first
                return Created(
                    id: account.userInfo.userId, token: token?.accessToken, credentialId: token?.credId ?? "")
            }
        }
    }

    func update(_ id: String, name: String?, externalId: String?) async throws -> MutationOutcome<Void> {
        switch family {
        case .personalAccessToken:
            try await client.updatePersonalAccessToken(
                id: id, UpdatePersonalAccessTokenRequest(name: name, externalId: externalId)
            ).map { _ in () }
        case .serviceAccount:
            try await client.updateServiceAccount(
                id: id, UpdateServiceAccountRequest(name: name, externalId: externalId)
            )
            .map { _ in () }
        }
    }

    func setActive(_ id: String, _ active: Bool) async throws -> MutationOutcome<Void> {
        switch (family, active) {
        case (.personalAccessToken, true): try await client.activatePersonalAccessToken(id: id).map { _ in () }
        case (.personalAccessToken, false): try await client.deactivatePersonalAccessToken(id: id).map { _ in () }
        case (.serviceAccount, true): try await client.activateServiceAccount(id: id).map { _ in () }
        case (.serviceAccount, false): try await client.deactivateServiceAccount(id: id, force: nil).map { _ in () }
        }
    }

    func delete(_ id: String) async throws -> MutationOutcome<Void> {
        switch family {
        case .personalAccessToken: try await client.deletePersonalAccessToken(id: id).map { _ in () }
        case .serviceAccount: try await client.deleteServiceAccount(id: id).map { _ in () }
        }
    }

    /// Makes the principal's permissions exactly the declared ones: assigns the missing, revokes the extra.
    ///
    /// An assignment or revocation that a policy already holds for approval (an earlier run sent it) is not sent
    /// again: the others are made, then the action stops as pending approval, naming the approvals it waits for.
    /// - Parameter live: the principal as just read, if the caller has it.
    func assignPermissions(_ declared: DeclaredPrincipal, id: String, live: LivePrincipal? = nil) async throws {
        let resolver = PermissionResolver(try await client.listPermissions())
        let wanted = Set(declared.permissions.compactMap { resolver.resolve($0)?.id })
        let current: LivePrincipal
        if let live { current = live } else { current = try await get(id) }
        let assign = wanted.subtracting(current.permissions.keys).sorted()
        let revoke = Set(current.permissions.keys).subtracting(wanted).sorted()
        guard !assign.isEmpty || !revoke.isEmpty else { return }
        let pending = try await pendingApprovals()
        func held(_ operationKind: String, _ permissionId: String) -> PolicyApproval? {
            pending.first { $0.holdsAssignment(operationKind, permissionId: permissionId, identityId: id) }
        }
        var waiting: [String] = []
        for permissionId in assign {
            let what = "assigning \(resolver.name(of: permissionId)) to \(declared.address)"
            if let approval = held("Create", permissionId) {
                waiting.append("\(what) (\(approval.id))")
                continue
            }
            _ = try await client.assignPermission(permissionId: permissionId, identityId: id).required(what)
        }
        for permissionId in revoke {
            guard let assignment = current.assignments[permissionId] else { continue }
            let what = "revoking \(resolver.name(of: permissionId)) from \(declared.address)"
            if let approval = held("Delete", permissionId) {
                waiting.append("\(what) (\(approval.id))")
                continue
            }
            _ = try await client.revokePermission(permissionId: permissionId, assignmentId: assignment).required(what)
        }
        if !waiting.isEmpty {
            throw PendingApprovalStop(
                message: waiting.joined(separator: "; ") + (waiting.count == 1 ? " is" : " are")
                    + " already waiting for a policy approval, so not sent again; apply again once approved")
        }
    }

    /// The policy approvals still pending; none when the operator may not read them (403) or the API has no such
    /// list (404), in which case a held change is sent again and Dfns holds it a second time.
    private func pendingApprovals() async throws -> [PolicyApproval] {
        do {
            return try await client.listPolicyApprovals(status: "Pending").filter(\.isPending)
        } catch let error as DfnsAPIError where error.kind == .http && [403, 404].contains(error.status) {
            return []
        }
    }
}
