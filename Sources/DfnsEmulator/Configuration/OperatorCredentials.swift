import DfnsAPI
import Foundation

/// The bootstrapped operator: what dfnsops needs to act on the emulator's organisation.
///
/// Its `description` never shows the token or the private key.
public struct OperatorCredentials: Codable, Sendable, CustomStringConvertible {
    /// The emulator's base URL, for `DFNS_API_URL`; empty until the server is bound.
    public var apiURL: String
    /// The operator's bearer token, for `DFNS_AUTH_TOKEN`.
    public var authToken: String
    /// The id of the operator's Key credential, for `DFNS_CRED_ID`.
    public var credentialId: String
    /// The operator's private key as PKCS#8 PEM, for `DFNS_PRIVATE_KEY`.
    public var privateKeyPEM: String
    /// The operator's user id (`us-…`).
    public var userId: String
    /// The organisation id (`or-…`).
    public var orgId: String

    /// Creates operator credentials.
    public init(
        apiURL: String, authToken: String, credentialId: String, privateKeyPEM: String, userId: String, orgId: String
    ) {
        self.apiURL = apiURL
        self.authToken = authToken
        self.credentialId = credentialId
        self.privateKeyPEM = privateKeyPEM
        self.userId = userId
        self.orgId = orgId
    }

    /// A signer for the operator's user actions.
    /// - Throws: `KeyError` if the stored key cannot be loaded.
    public func signer() throws -> KeyCredentialSigner {
        KeyCredentialSigner(credentialId: credentialId, privateKey: try PrivateSigningKey(pem: privateKeyPEM))
    }

    /// The same credentials with another base URL.
    public func with(apiURL: String) -> OperatorCredentials {
        var copy = self
        copy.apiURL = apiURL
        return copy
    }

    /// The operator's user id and organisation; the token and key are redacted.
    public var description: String {
        "OperatorCredentials(\(userId) in \(orgId), credential \(credentialId), token <redacted>, key <redacted>)"
    }
}
