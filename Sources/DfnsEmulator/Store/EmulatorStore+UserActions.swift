import DfnsAPI
import Foundation

extension EmulatorStore {
    /// The caller's active Key credentials, as `allowCredentials.key` lists them.
    func activeKeyCredentials(ownerId: String) -> [StoredCredential] {
        state.credentials.filter { $0.ownerId == ownerId && $0.isActive && $0.kind == "Key" }
    }

    /// `POST /auth/action/init`: records the declared call and returns a challenge to sign.
    func initUserAction(_ request: UserActionInitRequest, caller: Caller) throws -> UserActionChallengeBody {
        pruneExpired()
        let method = request.userActionHttpMethod.uppercased()
        guard ["POST", "PUT", "DELETE", "GET", "PATCH"].contains(method) else {
            throw EmulatorError.badRequest("userActionHttpMethod must be POST, PUT, DELETE or GET, not '\(method)'")
        }
        guard request.userActionHttpPath.hasPrefix("/") else {
            throw EmulatorError.badRequest("userActionHttpPath must be an absolute path such as /auth/pats")
        }
        let challenge = StoredUserActionChallenge(
            challengeIdentifier: RandomBytes.base64URL(24), challenge: RandomBytes.base64URL(32),
            orgId: caller.orgId, userId: caller.userId, tokenId: caller.tokenId, method: method,
            path: request.userActionHttpPath, payload: request.userActionPayload,
            expiresAt: now.addingTimeInterval(settings.userActionLifetime))
        state.userActionChallenges.append(challenge)
        let allowed = activeKeyCredentials(ownerId: caller.credentialOwnerId).map {
            AllowedCredential(id: $0.credentialId)
        }
        return UserActionChallengeBody(
            challenge: challenge.challenge, challengeIdentifier: challenge.challengeIdentifier,
            allowCredentials: AllowCredentials(key: allowed, webauthn: []),
            supportedCredentialKinds: [.init(kind: "Key", factor: "either", requiresSecondFactor: false)],
            userVerification: "required", attestation: "direct", rp: .init(id: "localhost", name: "dfns-emulator"),
            externalAuthenticationUrl: "")
    }

    /// `POST /auth/action`: checks the signed challenge and issues a one-time user-action token.
    func completeUserAction(_ request: UserActionCompleteRequest, caller: Caller) throws -> UserActionResponse {
        pruneExpired()
        guard
            let index = state.userActionChallenges.firstIndex(where: {
                $0.challengeIdentifier == request.challengeIdentifier
            }),
            state.userActionChallenges[index].tokenId == caller.tokenId
        else {
            throw EmulatorError.badRequest(
                "the challenge is unknown or has expired; start again with POST /auth/action/init")
        }
        let challenge = state.userActionChallenges[index]
        guard request.firstFactor.kind == "Key" else {
            throw EmulatorError.badRequest(
                "the emulator accepts only Key credential assertions, not '\(request.firstFactor.kind)'")
        }
        let assertion = request.firstFactor.credentialAssertion
        guard
            let credential = state.credentials.first(where: {
                $0.credentialId == assertion.credId && $0.ownerId == caller.credentialOwnerId
            })
        else {
            throw EmulatorError.unauthorized(
                "credential \(assertion.credId) is not one of the caller's credentials; use an id from "
                    + "allowCredentials.key")
        }
        guard credential.isActive else {
            throw EmulatorError.unauthorized(
                "credential \(assertion.credId) is deactivated and cannot sign; activate it or sign with another")
        }
        guard let publicKey = try? PublicSigningKey(pem: credential.publicKeyPEM) else {
            throw EmulatorError(500, "the stored public key of credential \(credential.credentialUuid) is unreadable")
        }
        if let failure = assertion.verificationFailure(publicKey: publicKey, expectedChallenge: challenge.challenge) {
            let reason =
                switch failure {
                case .malformedClientData: "clientData is not base64url JSON"
                case .wrongType(let type): "clientData type is '\(type)', expected 'key.get'"
                case .challengeMismatch: "clientData does not carry the issued challenge"
                case .badSignature: "the signature does not verify with credential \(credential.credentialId)"
                }
            throw EmulatorError.unauthorized("user action signature verification failed: \(reason)")
        }
        state.userActionChallenges.remove(at: index)
        let token = StoredUserActionToken(
            token: "ua-" + RandomBytes.base64URL(32), orgId: caller.orgId, userId: caller.userId,
            tokenId: caller.tokenId, credentialId: credential.credentialId, method: challenge.method,
            path: challenge.path, payload: challenge.payload,
            expiresAt: now.addingTimeInterval(settings.userActionLifetime), used: false)
        state.userActionTokens.append(token)
        return UserActionResponse(userAction: token.token)
    }

    /// Checks the `X-DFNS-USERACTION` header of a mutating call and marks the token used.
    /// - Throws: `EmulatorError` 403 when it is missing, unknown, expired or bound to another call or caller;
    ///   400 when it has already been used.
    func consumeUserAction(_ header: String?, caller: Caller, method: String, path: String, body: Data) throws {
        guard let header, !header.isEmpty else {
            throw EmulatorError.userActionInvalid("the X-DFNS-USERACTION header is missing")
        }
        guard let index = state.userActionTokens.firstIndex(where: { $0.token == header }) else {
            throw EmulatorError.userActionInvalid("the user action token is unknown")
        }
        let token = state.userActionTokens[index]
        guard !token.used else { throw EmulatorError.badRequest("user action has already been used") }
        guard token.expiresAt > now else {
            throw EmulatorError.userActionInvalid("the user action token has expired")
        }
        guard token.tokenId == caller.tokenId else {
            throw EmulatorError.userActionInvalid("the user action was signed for another caller")
        }
        guard token.method == method.uppercased() else {
            throw EmulatorError.userActionInvalid("the user action was signed for \(token.method), not \(method)")
        }
        guard Self.normalisedPath(token.path) == Self.normalisedPath(path) else {
            throw EmulatorError.userActionInvalid(
                "the user action was signed for path \(Self.normalisedPath(token.path)), not \(Self.normalisedPath(path))"
            )
        }
        guard JSONComparison.payload(token.payload, matches: body) else {
            throw EmulatorError.userActionInvalid("the request body differs from the signed userActionPayload")
        }
        state.userActionTokens[index].used = true
    }

    /// A path without its query string, percent-decoded.
    static func normalisedPath(_ path: String) -> String {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        let raw = bare ?? path
        return raw.removingPercentEncoding ?? raw
    }
}
