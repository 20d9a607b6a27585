/// `POST /auth/action/init` request: declares the call that the user action will authorise.
public struct UserActionInitRequest: Codable, Equatable, Sendable {
    public var userActionHttpMethod: String
    public var userActionHttpPath: String
    /// The exact JSON text of the body that will be sent, or `""` when there is none.
    public var userActionPayload: String
    public var userActionServerKind: String?

    public init(method: String, path: String, payload: String, serverKind: String? = "Api") {
        userActionHttpMethod = method
        userActionHttpPath = path
        userActionPayload = payload
        userActionServerKind = serverKind
    }
}

/// One credential the caller may sign with (`allowCredentials.key[]`).
public struct AllowedCredential: Codable, Equatable, Sendable {
    public var id: String
    public var type: String

    public init(id: String, type: String = "public-key") {
        self.id = id
        self.type = type
    }
}

/// The credentials a challenge may be answered with, by kind.
public struct AllowCredentials: Codable, Equatable, Sendable {
    public var key: [AllowedCredential]
    public var webauthn: [AllowedCredential]

    public init(key: [AllowedCredential], webauthn: [AllowedCredential] = []) {
        self.key = key
        self.webauthn = webauthn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decodeIfPresent([AllowedCredential].self, forKey: .key) ?? []
        webauthn = try container.decodeIfPresent([AllowedCredential].self, forKey: .webauthn) ?? []
    }
}

/// `POST /auth/action/init` response: the challenge to sign.
public struct UserActionChallenge: Codable, Equatable, Sendable {
    public var challenge: String
    public var challengeIdentifier: String
    public var allowCredentials: AllowCredentials
    public var userVerification: String?
    public var attestation: String?

    public init(challenge: String, challengeIdentifier: String, allowCredentials: AllowCredentials) {
        self.challenge = challenge
        self.challengeIdentifier = challengeIdentifier
        self.allowCredentials = allowCredentials
        self.userVerification = "required"
        self.attestation = "direct"
    }
}

/// A Key credential's answer to a challenge: client data and signature, both base64url without padding.
public struct KeyAssertion: Codable, Equatable, Sendable {
    public var credId: String
    public var clientData: String
    public var signature: String
    public var algorithm: String?
}

/// The first factor of a user action (`kind: "Key"` for dfnsops).
public struct UserActionFactor: Codable, Equatable, Sendable {
    public var kind: String
    public var credentialAssertion: KeyAssertion

    public init(kind: String = "Key", credentialAssertion: KeyAssertion) {
        self.kind = kind
        self.credentialAssertion = credentialAssertion
    }
}

/// `POST /auth/action` request: the signed challenge.
public struct UserActionCompleteRequest: Codable, Equatable, Sendable {
    public var challengeIdentifier: String
    public var firstFactor: UserActionFactor

    public init(challengeIdentifier: String, firstFactor: UserActionFactor) {
        self.challengeIdentifier = challengeIdentifier
        self.firstFactor = firstFactor
    }
}

/// `POST /auth/action` response: the one-time token for `X-DFNS-USERACTION`.
public struct UserActionResponse: Codable, Equatable, Sendable {
    public var userAction: String

    public init(userAction: String) {
        self.userAction = userAction
    }
}

/// `credentialInfo` of a new Key credential (reference §4.4).
public struct KeyCredentialInfo: Codable, Equatable, Sendable {
    public var credId: String
    public var clientData: String
    public var attestationData: String

    public init(credId: String, clientData: String, attestationData: String) {
        self.credId = credId
        self.clientData = clientData
        self.attestationData = attestationData
    }
}
