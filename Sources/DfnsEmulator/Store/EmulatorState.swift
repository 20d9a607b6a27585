import DfnsAPI
import Foundation

/// The whole emulated world: organisations and what they hold, in creation order.
///
/// This is what `--state FILE` persists and what the admin state dump shows.
struct EmulatorState: Codable, Sendable, Equatable {
    /// The format version of the state file.
    var version = 1
    /// The HMAC key that signs bearer tokens, base64; kept so that tokens survive a restart.
    var tokenSigningKey: String
    var orgs: [StoredOrg] = []
    var operators: [StoredOperator] = []
    var users: [StoredUser] = []
    var credentials: [StoredCredential] = []
    var tokens: [StoredAccessToken] = []
    var webhooks: [StoredWebhook] = []
    var webhookEvents: [StoredWebhookEvent] = []
    var permissions: [StoredPermission] = []
    var assignments: [StoredAssignment] = []
    var userActionChallenges: [StoredUserActionChallenge] = []
    var userActionTokens: [StoredUserActionToken] = []
    var credentialChallenges: [StoredCredentialChallenge] = []
    var credentialCodes: [StoredCredentialCode] = []

    init(tokenSigningKey: String) {
        self.tokenSigningKey = tokenSigningKey
    }

    /// The encoder for state files and dumps: sorted keys, ISO-8601 dates.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(DfnsDate.format(date))
        }
        return encoder
    }

    /// The decoder for state and seed files.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = DfnsDate.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an ISO-8601 date-time")
            }
            return date
        }
        return decoder
    }
}
