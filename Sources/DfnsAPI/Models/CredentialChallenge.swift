/// `POST /auth/credentials/init` (and `/auth/credentials/code/init`) response: the challenge a new credential attests.
public struct CredentialChallenge: Codable, Equatable, Sendable {
    /// The credential kind the challenge is for.
    public var kind: String
    /// The challenge to put in the new credential's client data.
    public var challenge: String
    /// Echoed back in the create request.
    public var challengeIdentifier: String
    /// Deprecated twin of `challengeIdentifier`.
    public var temporaryAuthenticationToken: String?
    /// The relying party.
    public var rp: RelyingParty?
    /// The user the credential is for.
    public var user: ChallengeUser
    /// The accepted key types.
    public var pubKeyCredParams: [PublicKeyCredentialParameter]
    /// The attestation preference.
    public var attestation: String?

    /// Creates a value with every field given.
    public init(
        kind: String, challenge: String, challengeIdentifier: String, temporaryAuthenticationToken: String? = nil,
        rp: RelyingParty? = nil, user: ChallengeUser, pubKeyCredParams: [PublicKeyCredentialParameter] = [],
        attestation: String? = nil
    ) {
        self.kind = kind
        self.challenge = challenge
        self.challengeIdentifier = challengeIdentifier
        self.temporaryAuthenticationToken = temporaryAuthenticationToken
        self.rp = rp
        self.user = user
        self.pubKeyCredParams = pubKeyCredParams
        self.attestation = attestation
    }

    /// A relying party: `{id, name}`.
    public struct RelyingParty: Codable, Equatable, Sendable {
        /// The relying party id (a domain).
        public var id: String
        /// Its display name.
        public var name: String

        /// Creates a relying party.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The user a credential challenge is for: `{id, name, displayName}`.
    public struct ChallengeUser: Codable, Equatable, Sendable {
        /// The user's id.
        public var id: String
        /// The username.
        public var name: String
        /// The display name.
        public var displayName: String

        /// Creates a challenge user.
        public init(id: String, name: String, displayName: String) {
            self.id = id
            self.name = name
            self.displayName = displayName
        }
    }

    /// An accepted key type: `{type: "public-key", alg: <COSE algorithm>}`.
    public struct PublicKeyCredentialParameter: Codable, Equatable, Sendable {
        /// Always `public-key`.
        public var type: String
        /// The COSE algorithm number (-7 ES256, -8 EdDSA, -257 RS256).
        public var alg: Int

        /// Creates a key-type parameter.
        public init(type: String = "public-key", alg: Int) {
            self.type = type
            self.alg = alg
        }
    }

    /// Decodes a challenge; a missing `pubKeyCredParams` reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(String.self, forKey: .kind)
        challenge = try container.decode(String.self, forKey: .challenge)
        challengeIdentifier = try container.decode(String.self, forKey: .challengeIdentifier)
        temporaryAuthenticationToken = try container.decodeIfPresent(String.self, forKey: .temporaryAuthenticationToken)
        rp = try container.decodeIfPresent(RelyingParty.self, forKey: .rp)
        user = try container.decode(ChallengeUser.self, forKey: .user)
        pubKeyCredParams =
            try container.decodeIfPresent([PublicKeyCredentialParameter].self, forKey: .pubKeyCredParams) ?? []
        attestation = try container.decodeIfPresent(String.self, forKey: .attestation)
    }
}
