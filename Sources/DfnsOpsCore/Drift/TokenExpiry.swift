import DfnsAPI
import Foundation

/// Reads the expiry (`exp`) of a JWT access token without verifying it: only the date is used, never printed
/// alongside the token.
public enum TokenExpiry {
    private struct Claims: Decodable {
        var exp: Double?
        var sub: String?
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
}
