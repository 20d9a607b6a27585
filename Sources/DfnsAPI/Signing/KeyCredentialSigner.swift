import Foundation

/// Signs user-action challenges with one Key credential: its id (`credId`) and private key.
public struct KeyCredentialSigner: Sendable, CustomStringConvertible {
    /// The credential id (`credentialId`/`credId`) that Dfns lists in `allowCredentials.key`.
    public let credentialId: String
    /// The private key; never printed.
    public let privateKey: PrivateSigningKey
    /// The origin put in client data, or nil to leave it out.
    public let origin: String?

    /// Creates a signer for a Key credential.
    public init(credentialId: String, privateKey: PrivateSigningKey, origin: String? = ClientData.defaultOrigin) {
        self.credentialId = credentialId
        self.privateKey = privateKey
        self.origin = origin
    }

    /// Signs a user-action challenge: client data of type `key.get`, signature in the key family's scheme,
    /// both base64url without padding.
    /// - Throws: `KeyError` if signing fails.
    public func assertion(forChallenge challenge: String) throws -> KeyAssertion {
        let clientData = ClientData(type: "key.get", challenge: challenge, origin: origin).jsonBytes
        let signature = try privateKey.sign(clientData)
        return KeyAssertion(
            credId: credentialId,
            clientData: Base64URL.encode(clientData),
            signature: Base64URL.encode(signature)
        )
    }

    public var description: String { "KeyCredentialSigner(\(credentialId), \(privateKey.publicKey.fingerprint))" }
}
