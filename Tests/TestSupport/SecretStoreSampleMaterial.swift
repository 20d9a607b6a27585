import Foundation
import SecretStores

/// Secret material for tests whose every value is unique and random, so that a leak check can search for it.
public struct SecretStoreSampleMaterial: Sendable {
    /// The material to write.
    public let material: SecretMaterial
    /// The fingerprint to pass with it: for keys, `SecretFingerprint.of(_:)` over the PEM text (a stand-in
    /// for the SPKI digest, which needs DfnsAPI); for webhook secrets, the store's own computation.
    public let fingerprint: String
    /// Every secret string inside the material, for leak checks.
    public let secretValues: [String]

    /// A private key with a random PEM body, a credential id and (by default) a token.
    ///
    /// - Parameter withToken: Whether the key comes with a service-account token.
    /// - Returns: The sample.
    public static func privateKey(withToken: Bool = true) -> SecretStoreSampleMaterial {
        let body = randomText(length: 64)
        let pem = "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
        let token = withToken ? "tok-" + randomText(length: 40) : nil
        return SecretStoreSampleMaterial(
            material: .privateKey(pem: pem, credentialId: "cr-" + randomText(length: 10), token: token),
            fingerprint: SecretFingerprint.of(Array(pem.utf8)),
            secretValues: [body] + (token.map { [$0] } ?? [])
        )
    }

    /// A webhook secret with a random value.
    ///
    /// - Returns: The sample.
    public static func webhookSecret() -> SecretStoreSampleMaterial {
        let secret = "whsec-" + randomText(length: 40)
        return SecretStoreSampleMaterial(
            material: .webhookSecret(secret),
            fingerprint: SecretFingerprint.ofWebhookSecret(secret),
            secretValues: [secret]
        )
    }

    /// Random letters and digits.
    ///
    /// - Parameter length: The number of characters.
    /// - Returns: The text.
    public static func randomText(length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<length).map { _ in alphabet.randomElement() ?? "x" })
    }
}
