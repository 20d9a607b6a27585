import DfnsAPI
import Foundation

extension EmulatorStore {
    /// Resolves the `Authorization` header to a caller.
    /// - Throws: `EmulatorError` 401 for a missing, malformed, unknown, expired or deactivated token.
    func authenticate(authorization: String?) throws -> Caller {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            throw EmulatorError.unauthorized("missing bearer token: send 'Authorization: Bearer <token>'")
        }
        let text = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let claims: TokenClaims
        do {
            claims = try tokenSigner.verify(text, now: now)
        } catch TokenSigner.Failure.expired {
            throw EmulatorError.unauthorized("the token has expired")
        } catch {
            throw EmulatorError.unauthorized("the token is not valid for this emulator")
        }
        guard let token = state.tokens.first(where: { $0.tokenId == claims.appMetadata.tokenId }) else {
            throw EmulatorError.unauthorized("the token has been revoked")
        }
        guard token.expiresAt > now else { throw EmulatorError.unauthorized("the token has expired") }
        guard token.isActive else { throw EmulatorError.unauthorized("the token \(token.tokenId) is deactivated") }
        guard let user = state.users.first(where: { $0.userId == token.linkedUserId }) else {
            throw EmulatorError.unauthorized("the token's user no longer exists")
        }
        guard user.isActive else { throw EmulatorError.unauthorized("the user \(user.userId) is deactivated") }
        let kind: CallerKind =
            switch token.kind {
            case .serviceAccount: .serviceAccount
            case .pat: .pat
            case .login: user.kind == "EndUser" ? .endUser : .employee
            }
        var operations = self.operations(ofIdentity: user.userId)
        if kind == .pat, hasOwnAssignments(token.tokenId) {
            operations.formIntersection(self.operations(ofIdentity: token.tokenId))
        }
        return Caller(kind: kind, user: user, token: token, operations: operations)
    }

    /// Mints a bearer token for a token record.
    func mintToken(for token: StoredAccessToken, username: String) -> String {
        tokenSigner.mint(
            TokenClaims(
                iss: "https://dfns-emulator.local", aud: "dfns:auth:user", sub: token.linkedUserId,
                jti: RandomBytes.base64URL(12), iat: Int(now.timeIntervalSince1970),
                exp: Int(token.expiresAt.timeIntervalSince1970), username: username,
                appMetadata: .init(
                    userId: token.linkedUserId, orgId: token.orgId, tokenId: token.tokenId,
                    tokenKind: token.kind.rawValue)))
    }

    /// Mints a fresh bearer token for an existing token record (admin API: act as a seeded principal).
    /// - Throws: `EmulatorError` 404 when there is no such token.
    func mintToken(tokenId: String) throws -> String {
        guard let token = state.tokens.first(where: { $0.tokenId == tokenId }),
            let user = state.users.first(where: { $0.userId == token.linkedUserId })
        else { throw EmulatorError.notFound("token", tokenId) }
        return mintToken(for: token, username: user.username)
    }
}
