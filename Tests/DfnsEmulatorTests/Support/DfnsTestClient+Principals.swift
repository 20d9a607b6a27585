import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Creating principals and credentials through the API, as dfnsops would.
extension DfnsTestClient {
    /// Creates a service account and returns it with a principal that acts as it.
    func createServiceAccount(
        _ name: String, externalId: String? = nil, permissionId: String? = nil, algorithm: KeyAlgorithm = .ecdsaP256,
        as creator: Principal
    ) async throws -> (ServiceAccount, Principal) {
        let key = try PrivateSigningKey(generating: algorithm)
        let response = try await signed(
            .post, "/auth/service-accounts",
            json: CreateServiceAccountRequest(
                name: name, publicKey: key.publicKey.pem, permissionId: permissionId, externalId: externalId),
            as: creator)
        try #require(response.status == .ok, "create service account: \(response.text)")
        let account = try response.decode(ServiceAccount.self)
        let token = try #require(account.accessTokens.first)
        let principal = Principal(
            token: try #require(token.accessToken),
            signer: KeyCredentialSigner(credentialId: token.credId, privateKey: key))
        return (account, principal)
    }

    /// Creates a PAT for the creator's user and returns it with a principal that acts as it.
    func createPat(_ name: String, as creator: Principal) async throws -> (AccessToken, Principal) {
        let key = try PrivateSigningKey(generating: .ed25519)
        let response = try await signed(
            .post, "/auth/pats", json: CreatePersonalAccessTokenRequest(name: name, publicKey: key.publicKey.pem),
            as: creator)
        try #require(response.status == .ok, "create PAT: \(response.text)")
        let pat = try response.decode(AccessToken.self)
        let principal = Principal(
            token: try #require(pat.accessToken), signer: KeyCredentialSigner(credentialId: pat.credId, privateKey: key)
        )
        return (pat, principal)
    }

    /// Registers a new Key credential for `principal` (Create Credential, signed with its current credential).
    func registerKeyCredential(
        _ name: String, algorithm: KeyAlgorithm = .ecdsaP256, for principal: Principal
    ) async throws -> (Credential, KeyCredentialSigner) {
        let initResponse = try await send(
            .post, "/auth/credentials/init", body: #"{"kind":"Key"}"#, as: principal)
        try #require(initResponse.status == .ok, "credential init: \(initResponse.text)")
        let challenge = try initResponse.decode(CredentialChallenge.self)
        let key = try PrivateSigningKey(generating: algorithm)
        let credId = "cred-\(UUID().uuidString)"
        let info = try KeyCredentialAttestation.make(newKey: key, credId: credId, challenge: challenge.challenge)
        let response = try await signed(
            .post, "/auth/credentials",
            json: CreateKeyCredentialRequest(
                credentialName: name, challengeIdentifier: challenge.challengeIdentifier, credentialInfo: info),
            as: principal)
        try #require(response.status == .ok, "create credential: \(response.text)")
        return (try response.decode(Credential.self), KeyCredentialSigner(credentialId: credId, privateKey: key))
    }
}
