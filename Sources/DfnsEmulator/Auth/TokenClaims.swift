import DfnsAPI

/// The claims of an emulator bearer token, in the shape Dfns tokens use.
struct TokenClaims: Codable, Sendable, Equatable {
    /// The `https://custom/app_metadata` claim: who the token is and for which organisation.
    struct AppMetadata: Codable, Sendable, Equatable {
        var userId: String
        var orgId: String
        var tokenId: String
        var tokenKind: String
    }

    var iss: String
    var aud: String
    var sub: String
    var jti: String
    var iat: Int
    var exp: Int
    var username: String
    var appMetadata: AppMetadata

    enum CodingKeys: String, CodingKey {
        case iss, aud, sub, jti, iat, exp
        case username = "https://custom/username"
        case appMetadata = "https://custom/app_metadata"
    }
}
