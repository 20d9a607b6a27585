/// A principal the client acts as: its bearer token and, unless it only reads, the Key credential that signs its
/// user actions.
///
/// Its `description` shows the credential id and key fingerprint, never the token or the key.
public struct DfnsIdentity: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bearer token (a PAT or service-account token); never printed.
    public let token: String
    /// Signs user-action challenges; nil for a read-only identity (``reading(token:)``), which cannot change
    /// anything.
    public let signer: KeyCredentialSigner?

    /// Creates an identity that can sign user actions.
    /// - Parameters:
    ///   - token: the bearer token sent as `Authorization: Bearer <token>`.
    ///   - signer: the Key credential that signs this principal's user actions.
    public init(token: String, signer: KeyCredentialSigner) {
        self.token = token
        self.signer = signer
    }

    private init(readingWith token: String) {
        self.token = token
        self.signer = nil
    }

    /// An identity that only reads: it has a token and no key, so every mutating call fails before anything is
    /// sent. `plan` and `drift` connect this way.
    /// - Parameter token: the bearer token.
    public static func reading(token: String) -> DfnsIdentity {
        DfnsIdentity(readingWith: token)
    }

    /// The credential id and key fingerprint; the token is redacted.
    public var description: String {
        guard let signer else { return "DfnsIdentity(read-only, token <redacted>)" }
        return "DfnsIdentity(credential \(signer.credentialId), \(signer.privateKey.publicKey.fingerprint), "
            + "token <redacted>)"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// An empty mirror, so that `dump` shows nothing secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
