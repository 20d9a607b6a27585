import Crypto
import DfnsAPI
import Foundation

/// Mints and checks the emulator's bearer tokens: JWTs signed with HMAC-SHA256 (HS256).
struct TokenSigner: Sendable {
    /// Why a token was refused.
    enum Failure: Error, Equatable {
        case malformed
        case badSignature
        case expired
    }

    private let key: SymmetricKey

    /// Creates a signer from the state's base64 key.
    init(base64Key: String) {
        key = SymmetricKey(data: Data(base64Encoded: base64Key) ?? Data(base64Key.utf8))
    }

    /// A new random signing key, base64.
    static func makeKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The compact JWS text for `claims`.
    func mint(_ claims: TokenClaims) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Base64URL.encode((try? encoder.encode(claims)) ?? Data("{}".utf8))
        let signingInput = header + "." + payload
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(mac))
    }

    /// Verifies a token's signature and expiry and returns its claims.
    /// - Throws: `Failure`.
    func verify(_ token: String, now: Date) throws -> TokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(String(parts[0])),
            let header = try? JSONDecoder().decode([String: String].self, from: headerBytes),
            header["alg"] == "HS256",
            let payloadBytes = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2]))
        else { throw Failure.malformed }
        let signingInput = Data((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw Failure.badSignature
        }
        guard let claims = try? JSONDecoder().decode(TokenClaims.self, from: payloadBytes) else {
            throw Failure.malformed
        }
        guard Double(claims.exp) > now.timeIntervalSince1970 else { throw Failure.expired }
        return claims
    }
}
