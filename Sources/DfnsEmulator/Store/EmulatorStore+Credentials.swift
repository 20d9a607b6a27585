import DfnsAPI
import Foundation

extension EmulatorStore {
    /// `GET /auth/credentials`: the caller's own credentials.
    func listCredentials(caller: Caller) -> ItemList<Credential> {
        // A loop over indices reads each credential in place; `filter` copied every stored credential.
        let owner = caller.credentialOwnerId
        var items: [Credential] = []
        for index in state.credentials.indices where state.credentials[index].ownerId == owner {
            items.append(credentialModel(state.credentials[index]))
        }
        return ItemList(items: items)
    }

    private func challengeBody(_ challenge: StoredCredentialChallenge, userId: String, username: String)
        -> CredentialChallenge
    {
        CredentialChallenge(
            kind: challenge.kind, challenge: challenge.challenge, challengeIdentifier: challenge.challengeIdentifier,
            temporaryAuthenticationToken: challenge.challengeIdentifier,
            rp: .init(id: "localhost", name: "dfns-emulator"),
            user: .init(id: userId, name: username, displayName: username),
            pubKeyCredParams: [.init(alg: -7), .init(alg: -8), .init(alg: -257)], attestation: "direct")
    }

    private func checkCredentialKind(_ kind: String) throws {
        let known = ["Fido2", "Key", "RecoveryKey", "PasswordProtectedKey"]
        guard known.contains(kind) else {
            throw EmulatorError.badRequest("kind must be one of \(known.joined(separator: ", ")), not '\(kind)'")
        }
        guard kind == "Key" else {
            throw EmulatorError.badRequest("the emulator registers only Key credentials, not \(kind)")
        }
    }

    /// `POST /auth/credentials/init`: a challenge for registering a new credential for the caller.
    func initCredential(_ request: CredentialChallengeRequest, caller: Caller) throws -> CredentialChallenge {
        pruneExpired()
        try checkCredentialKind(request.kind)
        let challenge = StoredCredentialChallenge(
            challengeIdentifier: RandomBytes.base64URL(24), challenge: RandomBytes.base64URL(32),
            orgId: caller.orgId, ownerId: caller.credentialOwnerId, kind: request.kind, code: nil,
            expiresAt: now.addingTimeInterval(settings.userActionLifetime))
        state.credentialChallenges.append(challenge)
        return challengeBody(challenge, userId: caller.userId, username: caller.user.username)
    }

    /// Registers the credential that answers a challenge; shared by the regular and the code flows.
    private func registerCredential(_ request: CreateKeyCredentialRequest, challengeIndex index: Int) throws
        -> Credential
    {
        let challenge = state.credentialChallenges[index]
        guard request.credentialKind == "Key" else {
            throw EmulatorError.badRequest("the emulator registers only Key credentials, not \(request.credentialKind)")
        }
        guard !request.credentialName.isEmpty else {
            throw EmulatorError.badRequest("credentialName must not be empty")
        }
        let publicKey: PublicSigningKey
        do {
            publicKey = try KeyCredentialAttestation.verify(
                request.credentialInfo, expectedChallenge: challenge.challenge)
        } catch {
            throw EmulatorError.badRequest("the credential attestation was refused: \(error)")
        }
        let credId = request.credentialInfo.credId
        guard !credId.isEmpty else { throw EmulatorError.badRequest("credentialInfo.credId must not be empty") }
        if let existing = state.credentials.first(where: { $0.credentialId == credId }) {
            throw EmulatorError.conflict(
                "a credential with credId \(credId) already exists", duplicate: existing.credentialUuid)
        }
        state.credentialChallenges.remove(at: index)
        let credential = StoredCredential(
            credentialUuid: EntityID.make("cr"), credentialId: credId, ownerId: challenge.ownerId,
            orgId: challenge.orgId, kind: "Key", name: request.credentialName, publicKeyPEM: publicKey.pem,
            isActive: true, dateCreated: now, relyingPartyId: "localhost", origin: ClientData.defaultOrigin)
        state.credentials.append(credential)
        try commit()
        return credentialModel(credential)
    }

    /// `POST /auth/credentials`: registers a Key credential for the caller.
    func createCredential(_ request: CreateKeyCredentialRequest, caller: Caller) throws -> Credential {
        pruneExpired()
        guard
            let index = state.credentialChallenges.firstIndex(where: {
                $0.challengeIdentifier == request.challengeIdentifier && $0.ownerId == caller.credentialOwnerId
                    && $0.code == nil
            })
        else {
            throw EmulatorError.badRequest(
                "the challengeIdentifier is unknown or has expired; start again with POST /auth/credentials/init")
        }
        return try registerCredential(request, challengeIndex: index)
    }

    /// `POST /auth/service-accounts/credentials`: adds a Key credential to the calling service account.
    func createServiceAccountCredential(_ request: CreateServiceAccountCredentialRequest, caller: Caller) throws
        -> Credential
    {
        let publicKey: PublicSigningKey
        do {
            publicKey = try PublicSigningKey(pem: request.publicKey)
        } catch {
            throw EmulatorError.badRequest("publicKey is not a supported PEM public key: \(error)")
        }
        let credential = StoredCredential(
            credentialUuid: EntityID.make("cr"), credentialId: RandomBytes.base64URL(32),
            ownerId: caller.credentialOwnerId, orgId: caller.orgId, kind: "Key",
            name: request.name ?? "Service account credential", publicKeyPEM: publicKey.pem, isActive: true,
            dateCreated: now, relyingPartyId: "localhost", origin: ClientData.defaultOrigin)
        state.credentials.append(credential)
        try commit()
        return credentialModel(credential)
    }

    private func ownCredentialIndex(_ uuid: String, caller: Caller) throws -> Int {
        guard
            let index = state.credentials.firstIndex(where: {
                $0.credentialUuid == uuid && $0.ownerId == caller.credentialOwnerId
            })
        else { throw EmulatorError.notFound("credential", uuid) }
        return index
    }

    private func refuseLosingLastActive(_ index: Int, caller: Caller, verb: String) throws {
        let credential = state.credentials[index]
        guard credential.isActive else { return }
        let others = activeKeyCredentials(ownerId: caller.credentialOwnerId).filter {
            $0.credentialUuid != credential.credentialUuid
        }
        guard !others.isEmpty else {
            throw EmulatorError.badRequest(
                "cannot \(verb) credential \(credential.credentialUuid): it is the caller's last active credential; "
                    + "register and verify another Key credential first",
                details: .object(["credentialUuid": .string(credential.credentialUuid)]))
        }
    }

    /// `PUT /auth/credentials/activate` and `/deactivate`.
    func setCredentialActive(_ uuid: String, active: Bool, caller: Caller) throws -> MessageResponse {
        let index = try ownCredentialIndex(uuid, caller: caller)
        if !active { try refuseLosingLastActive(index, caller: caller, verb: "deactivate") }
        if state.credentials[index].isActive != active {
            state.credentials[index].isActive = active
            try commit()
        }
        return MessageResponse(message: "success")
    }

    /// `DELETE /auth/credentials/{uuid}` and `DELETE /auth/service-accounts/credentials/{uuid}`.
    func deleteCredential(_ uuid: String, caller: Caller) throws {
        let index = try ownCredentialIndex(uuid, caller: caller)
        try refuseLosingLastActive(index, caller: caller, verb: "delete")
        state.credentials.remove(at: index)
        try commit()
    }

    /// `POST /auth/credentials/code`: a one-time code that lets another device register a credential.
    func createCredentialCode(_ request: CreateCredentialCodeRequest, caller: Caller) throws -> CredentialCode {
        let expiration: Date
        switch request.expiration {
        case .unixSeconds(let value):
            expiration = Date(timeIntervalSince1970: value > 100_000_000_000 ? Double(value) / 1000 : Double(value))
        case .date(let text):
            guard let date = DfnsDate.parse(text) else {
                throw EmulatorError.badRequest("expiration must be an ISO-8601 date-time or unix seconds")
            }
            expiration = date
        }
        guard expiration > now, expiration <= now.addingTimeInterval(60) else {
            throw EmulatorError.badRequest("expiration must be in the future and at most 1 minute ahead")
        }
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let code = (0..<3).map { _ in String((0..<3).map { _ in alphabet.randomElement() ?? "A" }) }
            .joined(separator: "-")
        state.credentialCodes.append(
            StoredCredentialCode(
                code: code, orgId: caller.orgId, ownerId: caller.credentialOwnerId, expiresAt: expiration,
                used: false))
        try commit()
        return CredentialCode(code: code, expiration: DfnsDate.format(expiration))
    }

    /// `POST /auth/credentials/code/init`: a registration challenge for the owner of a code (no authentication).
    func initCredentialWithCode(_ request: CredentialCodeInitRequest) throws -> CredentialChallenge {
        pruneExpired()
        try checkCredentialKind(request.credentialKind)
        guard let code = state.credentialCodes.first(where: { $0.code == request.code && !$0.used }) else {
            throw EmulatorError.unauthorized("the code is unknown, used or expired")
        }
        let challenge = StoredCredentialChallenge(
            challengeIdentifier: RandomBytes.base64URL(24), challenge: RandomBytes.base64URL(32),
            orgId: code.orgId, ownerId: code.ownerId, kind: request.credentialKind, code: code.code,
            expiresAt: now.addingTimeInterval(settings.userActionLifetime))
        state.credentialChallenges.append(challenge)
        let owner = state.users.first { $0.userId == code.ownerId }
        return challengeBody(challenge, userId: code.ownerId, username: owner?.username ?? code.ownerId)
    }

    /// `POST /auth/credentials/code/verify`: registers the credential answering a code challenge.
    func verifyCredentialWithCode(_ request: CreateKeyCredentialRequest) throws -> Credential {
        pruneExpired()
        guard
            let index = state.credentialChallenges.firstIndex(where: {
                $0.challengeIdentifier == request.challengeIdentifier && $0.code != nil
            }),
            let codeIndex = state.credentialCodes.firstIndex(where: {
                $0.code == state.credentialChallenges[index].code && !$0.used
            })
        else {
            throw EmulatorError.badRequest(
                "the challengeIdentifier is unknown or has expired; start again with POST /auth/credentials/code/init")
        }
        let credential = try registerCredential(request, challengeIndex: index)
        state.credentialCodes[codeIndex].used = true
        try persist()
        return credential
    }
}
