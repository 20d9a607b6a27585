import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Authentication and rate limits")
struct AuthenticationTests {
    @Test(
        "missing, malformed and foreign tokens are 401 in the error envelope",
        arguments: [nil, "Bearer", "Bearer not-a-jwt", "Basic abc"])
    func unauthenticated(header: String?) async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            let response = try await client.raw(.get, "/auth/service-accounts", headers: headers)
            #expect(response.status == .unauthorized)
            #expect(response.error?.status == 401)
            #expect(response.error?.id?.isEmpty == false)
        }
    }

    @Test("a token signed by another emulator is 401")
    func foreignToken() async throws {
        let fixture = try await EmulatorFixture.make()
        let stranger = try await EmulatorFixture.make()
        try await fixture.test { client in
            let response = try await client.get("/auth/service-accounts", as: stranger.operatorPrincipal)
            #expect(response.status == .unauthorized)
        }
    }

    @Test("tokens expire on the emulator's clock")
    func expiry() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let key = try PrivateSigningKey(generating: .ed25519)
            let response = try await client.signed(
                .post, "/auth/pats",
                json: CreatePersonalAccessTokenRequest(name: "short", publicKey: key.publicKey.pem, secondsValid: 60),
                as: principal)
            let pat = try response.decode(AccessToken.self)
            let patPrincipal = Principal(
                token: try #require(pat.accessToken),
                signer: KeyCredentialSigner(credentialId: pat.credId, privateKey: key))
            #expect(try await client.get("/auth/pats", as: patPrincipal).status == .ok)
            fixture.clock.advance(by: 61)
            let expired = try await client.get("/auth/pats", as: patPrincipal)
            #expect(expired.status == .unauthorized)
            #expect(expired.error?.message.contains("expired") == true)
            fixture.clock.advance(by: 366 * 86_400)
            #expect(try await client.get("/auth/pats", as: principal).status == .unauthorized)
        }
    }

    @Test("past the per-organisation limit, requests get 429 with Retry-After")
    func rateLimit() async throws {
        let fixture = try await EmulatorFixture.make { $0.rateLimitPerMinute = 3 }
        let other = try await fixture.emulator.store.createAdditionalOrg(name: "other", keyAlgorithm: .ecdsaP256)
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            for _ in 0..<3 { #expect(try await client.get("/webhooks", as: principal).status == .ok) }
            let limited = try await client.get("/webhooks", as: principal)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "60")
            #expect(limited.error?.status == 429)
            // Other organisations have their own budget.
            #expect(try await client.get("/webhooks", as: try Principal(other)).status == .ok)
            fixture.clock.advance(by: 30)
            #expect(try await client.get("/webhooks", as: principal).headers[.retryAfter] == "30")
            fixture.clock.advance(by: 31)
            #expect(try await client.get("/webhooks", as: principal).status == .ok)
        }
    }

    @Test("a rate limit of 0 turns limiting off")
    func rateLimitOff() async throws {
        let fixture = try await EmulatorFixture.make { $0.rateLimitPerMinute = 0 }
        try await fixture.test { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<20 { statuses.append(try await client.get("/webhooks", as: fixture.operatorPrincipal).status) }
            #expect(statuses.allSatisfy { $0 == .ok })
        }
    }

    @Test("unknown routes answer 404 in the error envelope")
    func unknownRoute() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let response = try await client.get("/wallets", as: fixture.operatorPrincipal)
            #expect(response.status == .notFound)
            #expect(response.error?.message.contains("/wallets") == true)
        }
    }
}
