/// A service account as every `/auth/service-accounts` endpoint returns it (reference §5.1).
public struct ServiceAccount: Codable, Equatable, Sendable {
    /// The service account's user.
    public var userInfo: UserInfo
    /// Its access tokens; on the create response `accessTokens[0].accessToken` is the only copy of the token.
    public var accessTokens: [AccessToken]

    /// Creates a value with every field given.
    public init(userInfo: UserInfo, accessTokens: [AccessToken] = []) {
        self.userInfo = userInfo
        self.accessTokens = accessTokens
    }

    /// Decodes a service account; a missing `accessTokens` reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userInfo = try container.decode(UserInfo.self, forKey: .userInfo)
        accessTokens = try container.decodeIfPresent([AccessToken].self, forKey: .accessTokens) ?? []
    }
}
