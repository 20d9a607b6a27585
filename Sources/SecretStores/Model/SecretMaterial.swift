/// Secret material held by a secret-store version: a private key (with its credential id and, for a service
/// account or personal access token, its token) or a webhook secret.
///
/// The values are reachable only through the explicit accessors. `description`, `debugDescription`, string
/// interpolation, `dump` and `Mirror` all redact them, so material printed by accident shows `<redacted>`.
public struct SecretMaterial: Sendable, Equatable {
    /// The kind of secret material.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// A private key in PEM form, with an optional credential id and token.
        case privateKey
        /// A webhook signing secret.
        case webhookSecret

        /// The kind as written in stores and listings.
        public var description: String { rawValue }
    }

    enum Storage: Sendable, Equatable {
        case privateKey(pem: String, credentialId: String?, token: String?)
        case webhookSecret(String)
    }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// Material for a private key.
    ///
    /// - Parameters:
    ///   - pem: The private key in PEM form.
    ///   - credentialId: The Dfns credential id registered for the key, when known. Not secret.
    ///   - token: The service-account or personal-access token that goes with the key, if any.
    /// - Returns: The material.
    public static func privateKey(pem: String, credentialId: String?, token: String?) -> SecretMaterial {
        SecretMaterial(storage: .privateKey(pem: pem, credentialId: credentialId, token: token))
    }

    /// Material for a webhook signing secret.
    ///
    /// - Parameter secret: The secret Dfns returned when the webhook was created.
    /// - Returns: The material.
    public static func webhookSecret(_ secret: String) -> SecretMaterial {
        SecretMaterial(storage: .webhookSecret(secret))
    }

    /// The kind of this material.
    public var kind: Kind {
        switch storage {
        case .privateKey: .privateKey
        case .webhookSecret: .webhookSecret
        }
    }

    /// The private key in PEM form, or `nil` for a webhook secret. Secret.
    public var privateKeyPEM: String? {
        if case .privateKey(let pem, _, _) = storage { return pem }
        return nil
    }

    /// The token stored with a private key, if any. Secret.
    public var token: String? {
        if case .privateKey(_, _, let token) = storage { return token }
        return nil
    }

    /// The credential id stored with a private key, if any. Not secret.
    public var credentialId: String? {
        if case .privateKey(_, let credentialId, _) = storage { return credentialId }
        return nil
    }

    /// The webhook secret, or `nil` for a private key. Secret.
    public var webhookSecret: String? {
        if case .webhookSecret(let secret) = storage { return secret }
        return nil
    }
}

extension SecretMaterial: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that names the kind and credential id and redacts every secret value.
    public var description: String {
        switch storage {
        case .privateKey(_, let credentialId, let token):
            let credential = credentialId.map { "credentialId: \($0), " } ?? ""
            let tokenText = token == nil ? "token: none" : "token: <redacted>"
            return "SecretMaterial(privateKey, \(credential)pem: <redacted>, \(tokenText))"
        case .webhookSecret:
            return "SecretMaterial(webhookSecret, secret: <redacted>)"
        }
    }

    /// The same redacted text as ``description``.
    public var debugDescription: String { description }

    /// A mirror that shows the kind and credential id and redacts every secret value.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "kind": kind.rawValue,
                "credentialId": credentialId ?? "none",
                "value": "<redacted>",
            ],
            displayStyle: .struct
        )
    }
}
