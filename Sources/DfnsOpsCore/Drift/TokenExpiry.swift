import DfnsAPI
import Foundation

/// Reads the expiry (`exp`) of a JWT access token without verifying it: only the date is used, never printed
/// alongside the token.
public enum TokenExpiry {
    private struct Claims: Decodable {
        /// The `https://custom/app_metadata` claim, which names the token's organisation.
        struct AppMetadata: Decodable {
            var orgId: String?
        }

        var exp: Double?
        var sub: String?
        var appMetadata: AppMetadata?

        enum CodingKeys: String, CodingKey {
            case exp, sub
            case appMetadata = "https://custom/app_metadata"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            exp = try container.decodeIfPresent(Double.self, forKey: .exp)
            sub = try container.decodeIfPresent(String.self, forKey: .sub)
            // A claim of another shape names no organisation; it does not hide the expiry.
            appMetadata = try? container.decodeIfPresent(AppMetadata.self, forKey: .appMetadata)
        }
    }

    private static func claims(_ jwt: String) -> Claims? {
        let parts = jwt.split(separator: ".")
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])) else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: payload)
    }

    /// The `exp` claim as a date.
    public static func of(jwt: String) -> Date? {
        claims(jwt)?.exp.map { Date(timeIntervalSince1970: $0) }
    }

    /// The `sub` claim: the user the token belongs to (the claim set of Dfns tokens is not documented).
    public static func subject(jwt: String) -> String? {
        claims(jwt)?.sub
    }

    /// The organisation the token belongs to: `orgId` in the `https://custom/app_metadata` claim, as Dfns (and
    /// `dfns-emulator`) mint it; nil when the token has no such claim. Unverified: use it to name things (the apply
    /// lock), never to decide what the token may do.
    public static func organisation(jwt: String) -> String? {
        guard let orgId = claims(jwt)?.appMetadata?.orgId, !orgId.isEmpty else { return nil }
        return orgId
    }
}
