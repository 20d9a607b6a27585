/// A principal the client acts as: its bearer token and the Key credential that signs its user actions.
///
/// Its `description` shows the credential id and key fingerprint, never the token or the key.
public struct DfnsIdentity: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bearer token (a PAT or service-account token); never printed.
    public let token: String
    /// Signs user-action challenges.
    public let signer: KeyCredentialSigner

    /// Creates an identity.
    /// - Parameters:
    ///   - token: the bearer token sent as `Authorization: Bearer <token>`.
    ///   - signer: the Key credential that signs this principal's user actions.
    public init(token: String, signer: KeyCredentialSigner) {
        self.token = token
        self.signer = signer
    }

    /// The credential id and key fingerprint; the token is redacted.
    public var description: String {
        "DfnsIdentity(credential \(signer.credentialId), \(signer.privateKey.publicKey.fingerprint), token <redacted>)"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// An empty mirror, so that `dump` shows nothing secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
