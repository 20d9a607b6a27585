import DfnsAPI
import Foundation
import SecretStores
import TestSupport

/// Puts into a file secret store what dfnsops would have written when it created an object: the current
/// version of a service account's key (with its token) or of a webhook's secret, tied to the live object by
/// `metadata.principalId`.
struct SeededStore {
    let store: FileSecretStore
    let emulator: EmulatorProcess

    /// Holds `key` as the current key of `account`, with a freshly minted token for its access token.
    /// - Parameters:
    ///   - trigger: the `rotation.trigger` recorded with the version (a different value makes a rotation due).
    /// - Returns: the minted token, a secret the plans must not show.
    @discardableResult
    func holdKey(
        _ key: PrivateSigningKey, of account: ServiceAccount, at path: String, trigger: String? = nil
    ) async throws -> String {
        guard let accessToken = account.accessTokens.first else {
            throw EmulatorProcess.Failure(description: "service account \(account.userInfo.userId) has no token")
        }
        let token = try await emulator.mintToken(tokenId: accessToken.tokenId)
        let entry = try SecretEntryPath(path)
        _ = try await store.writePending(
            .privateKey(pem: key.pkcs8PEM, credentialId: accessToken.credId, token: token), to: entry,
            fingerprint: key.publicKey.fingerprint,
            metadata: SecretVersionMetadata(
                credentialId: accessToken.credId, generation: 1, principalId: account.userInfo.userId,
                trigger: trigger))
        try await store.promote(entry)
        return token
    }

    /// Holds `secret` as the current secret of `webhook`.
    func holdSecret(_ secret: String, of webhook: Webhook, at path: String) async throws {
        let entry = try SecretEntryPath(path)
        _ = try await store.writePending(
            .webhookSecret(secret), to: entry, fingerprint: nil,
            metadata: SecretVersionMetadata(generation: 1, principalId: webhook.id))
        try await store.promote(entry)
    }
}

extension EmulatorProcess {
    /// A client acting as the emulator's operator, for the test's own look at the organisation.
    func operatorClient() throws -> HTTPDfnsClient {
        HTTPDfnsClient(
            configuration: try DfnsClientConfiguration.fromEnvironment(operatorEnvironment, rateLimitPerMinute: 0))
    }
}
