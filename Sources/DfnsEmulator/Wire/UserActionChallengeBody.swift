import DfnsAPI

/// The full `POST /auth/action/init` response, with the fields the SDKs read and the ones they carry along.
///
/// `DfnsAPI.UserActionChallenge` holds what a client needs; this adds `supportedCredentialKinds`, `rp` and
/// `externalAuthenticationUrl` so that the emulator answers in the documented shape.
struct UserActionChallengeBody: Codable, Sendable, Equatable {
    struct SupportedCredentialKind: Codable, Sendable, Equatable {
        var kind: String
        var factor: String
        var requiresSecondFactor: Bool
    }

    struct RelyingParty: Codable, Sendable, Equatable {
        var id: String
        var name: String
    }

    var challenge: String
    var challengeIdentifier: String
    var allowCredentials: AllowCredentials
    var supportedCredentialKinds: [SupportedCredentialKind]
    var userVerification: String
    var attestation: String
    var rp: RelyingParty
    var externalAuthenticationUrl: String
}
