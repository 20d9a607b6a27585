import DfnsAPI
import Foundation

extension EmulatorStore {
    /// Opens a store: loads `--state` if it exists, otherwise bootstraps an organisation and applies `--seed`.
    /// - Throws: `EmulatorStartupError` for unreadable state or seed files, or a seed that does not apply.
    static func open(configuration: EmulatorConfiguration, clock: any EmulatorClock) async throws -> EmulatorStore {
        let settings = Settings(
            webhookLimit: configuration.webhookLimit, userActionLifetime: configuration.userActionLifetime,
            operatorTokenLifetime: configuration.operatorTokenLifetime,
            strictCredentialMatrix: configuration.strictCredentialMatrix)
        let stateFile = configuration.statePath.map(StateFile.init(path:))
        if let stateFile, let state = try stateFile.load() {
            return EmulatorStore(state: state, clock: clock, settings: settings, stateFile: stateFile)
        }
        let store = EmulatorStore(
            state: EmulatorState(tokenSigningKey: TokenSigner.makeKey()), clock: clock, settings: settings,
            stateFile: stateFile)
        let seed = try configuration.seedPath.map(Self.loadSeed)
        try await store.bootstrap(seed: seed, keyAlgorithm: configuration.operatorKeyAlgorithm)
        return store
    }

    private static func loadSeed(_ path: String) throws -> EmulatorSeed {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try EmulatorState.decoder.decode(EmulatorSeed.self, from: data)
        } catch {
            throw EmulatorStartupError("cannot read the seed file \(path): \(error)")
        }
    }

    /// Creates the first organisation and its operator, applies the seed, and saves the state.
    func bootstrap(seed: EmulatorSeed?, keyAlgorithm: KeyAlgorithm) throws {
        let primary = try createOrg(name: "dfns-emulator", keyAlgorithm: keyAlgorithm)
        do {
            if let seed {
                try apply(seed.primary, orgId: primary.orgId, operatorId: primary.userId)
                for other in seed.otherOrgs ?? [] {
                    let org = try createOrg(name: other.name ?? "other-org", keyAlgorithm: keyAlgorithm)
                    try apply(other, orgId: org.orgId, operatorId: org.userId)
                }
            }
        } catch let error as EmulatorError {
            throw EmulatorStartupError("the seed does not apply: \(error.message)")
        }
        do {
            try persist()
        } catch let error as EmulatorError {
            throw EmulatorStartupError(error.message)
        }
    }

    /// Creates an organisation with an operator: a CustomerEmployee with a Key credential and every permission.
    /// - Returns: the operator record (token and private key included).
    @discardableResult
    func createOrg(name: String, keyAlgorithm: KeyAlgorithm) throws -> StoredOperator {
        let key: PrivateSigningKey
        do {
            key = try PrivateSigningKey(generating: keyAlgorithm)
        } catch {
            throw EmulatorStartupError("cannot generate the operator key: \(error)")
        }
        let orgId = EntityID.make("or")
        let userId = EntityID.make("us")
        state.orgs.append(StoredOrg(id: orgId, name: name, dateCreated: now))
        let credential = StoredCredential(
            credentialUuid: EntityID.make("cr"), credentialId: RandomBytes.base64URL(32), ownerId: userId,
            orgId: orgId, kind: "Key", name: "operator key", publicKeyPEM: key.publicKey.pem, isActive: true,
            dateCreated: now, relyingPartyId: "localhost", origin: ClientData.defaultOrigin)
        let username = "operator@\(orgId).emulator.local"
        state.users.append(
            StoredUser(
                userId: userId, orgId: orgId, username: username, name: "Operator", kind: "CustomerEmployee",
                isActive: true, isServiceAccount: false, isRegistered: true, isSSORequired: false, externalId: nil,
                credentialUuid: credential.credentialUuid, dateCreated: now))
        state.credentials.append(credential)
        let permission = StoredPermission(
            id: EntityID.make("pm"), orgId: orgId, name: PermissionCatalog.operatorPermissionName,
            operations: PermissionCatalog.allOperations, isImmutable: true, isArchived: false, dateCreated: now,
            dateUpdated: now)
        state.permissions.append(permission)
        state.assignments.append(
            StoredAssignment(
                id: EntityID.make("as"), orgId: orgId, permissionId: permission.id, identityId: userId,
                isImmutable: true, dateCreated: now, dateUpdated: now))
        let token = StoredAccessToken(
            tokenId: EntityID.make("to"), orgId: orgId, kind: .login, linkedUserId: userId, name: "operator login",
            externalId: nil, credentialUuid: credential.credentialUuid, permissionId: nil, isActive: true,
            dateCreated: now, expiresAt: now.addingTimeInterval(settings.operatorTokenLifetime))
        state.tokens.append(token)
        let record = StoredOperator(
            orgId: orgId, userId: userId, tokenId: token.tokenId, authToken: mintToken(for: token, username: username),
            credentialId: credential.credentialId, privateKeyPEM: key.pkcs8PEM)
        state.operators.append(record)
        return record
    }

    private func seedKey(_ pem: String?) throws -> PublicSigningKey {
        if let pem { return try loadPublicKey(pem) }
        do {
            return try PrivateSigningKey(generating: .ecdsaP256).publicKey
        } catch {
            throw EmulatorError(500, "cannot generate a seed key: \(error)")
        }
    }

    /// Applies one organisation's fixtures.
    private func apply(_ seed: EmulatorSeed.OrgSeed, orgId: String, operatorId: String) throws {
        for permission in seed.permissions ?? [] {
            state.permissions.append(
                StoredPermission(
                    id: EntityID.make("pm"), orgId: orgId, name: permission.name, operations: permission.operations,
                    isImmutable: false, isArchived: false, dateCreated: now, dateUpdated: now))
        }
        for user in seed.users ?? [] {
            state.users.append(
                StoredUser(
                    userId: EntityID.make("us"), orgId: orgId, username: user.username,
                    name: user.name ?? user.username,
                    kind: user.kind ?? "CustomerEmployee", isActive: user.isActive ?? true, isServiceAccount: false,
                    isRegistered: user.isRegistered ?? true, isSSORequired: false, externalId: nil,
                    credentialUuid: nil, dateCreated: now))
        }
        for account in seed.serviceAccounts ?? [] {
            let userId = EntityID.make("us")
            let credential = makeCredential(
                publicKey: try seedKey(account.publicKey), ownerId: userId, orgId: orgId, name: account.name)
            let active = account.isActive ?? true
            state.users.append(
                StoredUser(
                    userId: userId, orgId: orgId, username: account.name, name: account.name, kind: "CustomerEmployee",
                    isActive: active, isServiceAccount: true, isRegistered: true, isSSORequired: false,
                    externalId: account.externalId, credentialUuid: credential.credentialUuid, dateCreated: now))
            state.credentials.append(credential)
            state.tokens.append(
                StoredAccessToken(
                    tokenId: EntityID.make("to"), orgId: orgId, kind: .serviceAccount, linkedUserId: userId,
                    name: account.name, externalId: account.externalId, credentialUuid: credential.credentialUuid,
                    permissionId: nil, isActive: active, dateCreated: now,
                    expiresAt: try tokenExpiry(daysValid: account.daysValid, secondsValid: nil)))
        }
        for pat in seed.pats ?? [] {
            let owner =
                try pat.username.map { name in
                    guard let user = state.users.first(where: { $0.orgId == orgId && $0.username == name }) else {
                        throw EmulatorError.badRequest("PAT '\(pat.name)' names unknown user '\(name)'")
                    }
                    return user.userId
                } ?? operatorId
            let tokenId = EntityID.make("to")
            let credential = makeCredential(
                publicKey: try seedKey(pat.publicKey), ownerId: tokenId, orgId: orgId, name: pat.name)
            state.credentials.append(credential)
            state.tokens.append(
                StoredAccessToken(
                    tokenId: tokenId, orgId: orgId, kind: .pat, linkedUserId: owner, name: pat.name,
                    externalId: pat.externalId, credentialUuid: credential.credentialUuid, permissionId: nil,
                    isActive: pat.isActive ?? true, dateCreated: now,
                    expiresAt: try tokenExpiry(daysValid: pat.daysValid, secondsValid: nil)))
        }
        for webhook in seed.webhooks ?? [] {
            state.webhooks.append(
                StoredWebhook(
                    id: EntityID.make("wh"), orgId: orgId, url: webhook.url, events: webhook.events,
                    status: webhook.status ?? "Enabled", description: webhook.description,
                    secret: webhook.secret ?? "whs-" + EntityID.random(32), dateCreated: now, dateUpdated: now))
        }
        for permission in seed.permissions ?? [] {
            guard let stored = state.permissions.first(where: { $0.orgId == orgId && $0.name == permission.name })
            else { continue }
            for name in permission.assignTo ?? [] {
                guard let identity = resolveIdentity(name, orgId: orgId) else {
                    throw EmulatorError.badRequest("permission '\(permission.name)' names unknown identity '\(name)'")
                }
                assign(stored.id, to: identity, orgId: orgId)
            }
        }
    }

    private func resolveIdentity(_ name: String, orgId: String) -> String? {
        if let user = state.users.first(where: { $0.orgId == orgId && ($0.userId == name || $0.username == name) }) {
            return user.userId
        }
        if let token = state.tokens.first(where: { $0.orgId == orgId && ($0.tokenId == name || $0.name == name) }) {
            return token.tokenId
        }
        return nil
    }
}

extension EmulatorStore {
    /// Creates another organisation with its own operator (admin API), and saves the state.
    func createAdditionalOrg(name: String, keyAlgorithm: KeyAlgorithm) throws -> OperatorCredentials {
        let record = try createOrg(name: name, keyAlgorithm: keyAlgorithm)
        try commit()
        return OperatorCredentials(
            apiURL: "", authToken: record.authToken, credentialId: record.credentialId,
            privateKeyPEM: record.privateKeyPEM, userId: record.userId, orgId: record.orgId)
    }
}
