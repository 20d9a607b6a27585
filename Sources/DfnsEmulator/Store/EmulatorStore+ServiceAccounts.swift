import DfnsAPI
import Foundation

extension EmulatorStore {
    private func serviceAccountIndex(_ id: String, caller: Caller) throws -> Int {
        guard let index = userIndex(id, in: caller.orgId), state.users[index].isServiceAccount else {
            throw EmulatorError.notFound("service account", id)
        }
        return index
    }

    private func checkExternalIdFree(_ externalId: String?, orgId: String, except userId: String? = nil) throws {
        guard let externalId else { return }
        if let existing = state.users.first(where: {
            $0.orgId == orgId && $0.isServiceAccount && $0.externalId == externalId && $0.userId != userId
        }) {
            throw EmulatorError.conflict(
                "a service account with externalId '\(externalId)' already exists", duplicate: existing.userId)
        }
    }

    /// Applies `change` to the access tokens of service account `userId`, which mirror its name, externalId and
    /// active state.
    private func updateTokens(of userId: String, _ change: (inout StoredAccessToken) -> Void) {
        for index in state.tokens.indices where state.tokens[index].linkedUserId == userId {
            change(&state.tokens[index])
        }
    }

    /// `GET /auth/service-accounts`.
    func listServiceAccounts(caller: Caller) -> ItemList<ServiceAccount> {
        let lookup = WireLookup(state)
        return ItemList(
            items: state.users.filter { $0.orgId == caller.orgId && $0.isServiceAccount }.map {
                serviceAccountModel($0, lookup: lookup)
            })
    }

    /// `GET /auth/service-accounts/{id}`.
    func serviceAccount(_ id: String, caller: Caller) throws -> ServiceAccount {
        serviceAccountModel(state.users[try serviceAccountIndex(id, caller: caller)])
    }

    /// `POST /auth/service-accounts`: the only response that carries the token.
    func createServiceAccount(_ request: CreateServiceAccountRequest, caller: Caller) throws -> ServiceAccount {
        let new = try newPrincipal(
            name: request.name, publicKey: request.publicKey, daysValid: request.daysValid, secondsValid: nil,
            permissionId: request.permissionId, caller: caller)
        let name = new.name
        try checkExternalIdFree(request.externalId, orgId: caller.orgId)
        let userId = EntityID.make("us")
        let credential = makeCredential(publicKey: new.publicKey, ownerId: userId, orgId: caller.orgId, name: name)
        let user = StoredUser(
            userId: userId, orgId: caller.orgId, username: name, name: name, kind: "CustomerEmployee",
            isActive: true, isServiceAccount: true, isRegistered: true, isSSORequired: false,
            externalId: request.externalId, credentialUuid: credential.credentialUuid, dateCreated: now)
        let token = StoredAccessToken(
            tokenId: EntityID.make("to"), orgId: caller.orgId, kind: .serviceAccount, linkedUserId: userId, name: name,
            externalId: request.externalId, credentialUuid: credential.credentialUuid,
            permissionId: request.permissionId, isActive: true, dateCreated: now, expiresAt: new.expiresAt)
        state.users.append(user)
        state.credentials.append(credential)
        state.tokens.append(token)
        assign(request.permissionId, to: userId, orgId: caller.orgId)
        try commit()
        return serviceAccountModel(user, accessToken: mintToken(for: token, username: name))
    }

    /// `PUT /auth/service-accounts/{id}`.
    func updateServiceAccount(_ id: String, _ request: UpdateServiceAccountRequest, caller: Caller) throws
        -> ServiceAccount
    {
        let index = try serviceAccountIndex(id, caller: caller)
        try checkNewName(request.name)
        try checkExternalIdFree(request.externalId, orgId: caller.orgId, except: id)
        if let name = request.name {
            state.users[index].name = name
            state.users[index].username = name
        }
        if let externalId = request.externalId { state.users[index].externalId = externalId }
        updateTokens(of: id) { $0.rename(to: request.name, externalId: request.externalId) }
        try commit()
        return serviceAccountModel(state.users[index])
    }

    /// `PUT /auth/service-accounts/{id}/activate` and `/deactivate`.
    func setServiceAccountActive(_ id: String, active: Bool, caller: Caller) throws -> ServiceAccount {
        let index = try serviceAccountIndex(id, caller: caller)
        state.users[index].isActive = active
        updateTokens(of: id) { $0.isActive = active }
        try commit()
        return serviceAccountModel(state.users[index])
    }

    /// `DELETE /auth/service-accounts/{id}`: removes the account, its token, credentials and assignments.
    func deleteServiceAccount(_ id: String, caller: Caller) throws -> ServiceAccount {
        let index = try serviceAccountIndex(id, caller: caller)
        var user = state.users.remove(at: index)
        user.isActive = false
        let tokenIds = Set(state.tokens.filter { $0.linkedUserId == id }.map(\.tokenId))
        state.tokens.removeAll { $0.linkedUserId == id }
        state.credentials.removeAll { $0.ownerId == id || tokenIds.contains($0.ownerId) }
        state.assignments.removeAll { $0.identityId == id || tokenIds.contains($0.identityId) }
        try commit()
        return ServiceAccount(userInfo: userInfoModel(user), accessTokens: [])
    }
}
