import DfnsAPI
import Foundation

extension EmulatorStore {
    private func patIndex(_ id: String, caller: Caller) throws -> Int {
        guard let index = tokenIndex(id, in: caller.orgId), state.tokens[index].kind == .pat,
            state.tokens[index].linkedUserId == caller.userId
        else { throw EmulatorError.notFound("personal access token", id) }
        return index
    }

    private func checkPatNameFree(_ name: String, caller: Caller, except tokenId: String? = nil) throws {
        if let existing = state.tokens.first(where: {
            $0.kind == .pat && $0.linkedUserId == caller.userId && $0.name == name && $0.tokenId != tokenId
        }) {
            throw EmulatorError.conflict(
                "a personal access token named '\(name)' already exists", duplicate: existing.tokenId)
        }
    }

    /// `GET /auth/pats`: the caller's user's PATs.
    func listPats(caller: Caller) -> ItemList<AccessToken> {
        let lookup = WireLookup(state)
        return ItemList(
            items: state.tokens.filter { $0.kind == .pat && $0.linkedUserId == caller.userId }.map {
                accessTokenModel($0, lookup: lookup)
            })
    }

    /// `GET /auth/pats/{id}`.
    func pat(_ id: String, caller: Caller) throws -> AccessToken {
        accessTokenModel(state.tokens[try patIndex(id, caller: caller)])
    }

    /// `POST /auth/pats`: the only response that carries the token.
    func createPat(_ request: CreatePersonalAccessTokenRequest, caller: Caller) throws -> AccessToken {
        let new = try newPrincipal(
            name: request.name, publicKey: request.publicKey, daysValid: request.daysValid,
            secondsValid: request.secondsValid, permissionId: request.permissionId, caller: caller)
        let name = new.name
        try checkPatNameFree(name, caller: caller)
        let tokenId = EntityID.make("to")
        let credential = makeCredential(publicKey: new.publicKey, ownerId: tokenId, orgId: caller.orgId, name: name)
        let token = StoredAccessToken(
            tokenId: tokenId, orgId: caller.orgId, kind: .pat, linkedUserId: caller.userId, name: name,
            externalId: request.externalId, credentialUuid: credential.credentialUuid,
            permissionId: request.permissionId, isActive: true, dateCreated: now, expiresAt: new.expiresAt)
        state.credentials.append(credential)
        state.tokens.append(token)
        assign(request.permissionId, to: tokenId, orgId: caller.orgId)
        try commit()
        return accessTokenModel(token, accessToken: mintToken(for: token, username: caller.user.username))
    }

    /// `PUT /auth/pats/{id}`.
    func updatePat(_ id: String, _ request: UpdatePersonalAccessTokenRequest, caller: Caller) throws -> AccessToken {
        let index = try patIndex(id, caller: caller)
        try checkNewName(request.name)
        if let name = request.name { try checkPatNameFree(name, caller: caller, except: id) }
        state.tokens[index].rename(to: request.name, externalId: request.externalId)
        try commit()
        return accessTokenModel(state.tokens[index])
    }

    /// `PUT /auth/pats/{id}/activate` and `/deactivate`.
    func setPatActive(_ id: String, active: Bool, caller: Caller) throws -> AccessToken {
        let index = try patIndex(id, caller: caller)
        state.tokens[index].isActive = active
        try commit()
        return accessTokenModel(state.tokens[index])
    }

    /// `DELETE /auth/pats/{id}`: removes the token, its credentials and its assignments.
    func deletePat(_ id: String, caller: Caller) throws -> AccessToken {
        let index = try patIndex(id, caller: caller)
        var model = accessTokenModel(state.tokens[index])
        model.isActive = false
        state.tokens.remove(at: index)
        state.credentials.removeAll { $0.ownerId == id }
        state.assignments.removeAll { $0.identityId == id }
        try commit()
        return model
    }
}
