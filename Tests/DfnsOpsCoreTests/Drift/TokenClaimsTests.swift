import DfnsAPI
import DfnsOpsCore
import Foundation
import Testing

/// `TokenExpiry` reads a token's claims without verifying it: the expiry, the subject and the organisation (which
/// names the apply lock).
@Suite("Token claims: expiry, subject, organisation")
struct TokenClaimsTests {
    /// An unsigned JWT whose payload is `claims`.
    private func token(_ claims: String) -> String {
        Base64URL.encode(Data(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Data(claims.utf8)) + ".signature"
    }

    @Test("the organisation is orgId in the https://custom/app_metadata claim, as Dfns mints it")
    func organisationFromAppMetadata() {
        let jwt = token(
            #"{"sub":"us-1","exp":1800000000,"https://custom/app_metadata":{"userId":"us-1","orgId":"or-42"}}"#)
        #expect(TokenExpiry.organisation(jwt: jwt) == "or-42")
        #expect(TokenExpiry.subject(jwt: jwt) == "us-1")
        #expect(TokenExpiry.of(jwt: jwt) == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("no organisation without the claim, with an empty orgId, or from a token that is not a JWT")
    func noOrganisation() {
        #expect(TokenExpiry.organisation(jwt: token(#"{"sub":"us-1"}"#)) == nil)
        #expect(TokenExpiry.organisation(jwt: token(#"{"https://custom/app_metadata":{"orgId":""}}"#)) == nil)
        #expect(TokenExpiry.organisation(jwt: "not-a-jwt") == nil)
    }

    @Test("a claim of another shape names no organisation and does not hide the expiry")
    func oddClaimKeepsExpiry() {
        let jwt = token(#"{"exp":1800000000,"https://custom/app_metadata":"or-42"}"#)
        #expect(TokenExpiry.organisation(jwt: jwt) == nil)
        #expect(TokenExpiry.of(jwt: jwt) == Date(timeIntervalSince1970: 1_800_000_000))
    }
}
