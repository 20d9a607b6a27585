import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Personal access tokens")
struct PersonalAccessTokenTests {
    @Test("create returns the token once; the PAT authenticates and signs with its own credential")
    func lifecycle() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (pat, principal) = try await client.createPat("laptop", as: operatorPrincipal)
            #expect(pat.kind == "Pat")
            #expect(pat.tokenId.hasPrefix("to-"))
            #expect(pat.linkedUserId == fixture.operatorCredentials.userId)

            let list = try await client.get("/auth/pats", as: operatorPrincipal)
            #expect(try list.decode(ItemList<AccessToken>.self).items.map(\.tokenId) == [pat.tokenId])
            #expect(!list.text.contains("accessToken\""))
            let got = try await client.get("/auth/pats/\(pat.tokenId)", as: operatorPrincipal).decode(AccessToken.self)
            #expect(got.accessToken == nil)

            // The PAT has its own credential list: only its key.
            let credentials = try await client.get("/auth/credentials", as: principal)
                .decode(ItemList<Credential>.self)
            #expect(credentials.items.map(\.credentialId) == [pat.credId])
            let webhook = try await client.signed(
                .post, "/webhooks", body: #"{"url":"https://example.com/h","events":["*"]}"#, as: principal)
            #expect(webhook.status == .ok, "\(webhook.text)")

            let renamed = try await client.signed(
                .put, "/auth/pats/\(pat.tokenId)", json: UpdatePersonalAccessTokenRequest(name: "desk"),
                as: operatorPrincipal)
            #expect(try renamed.decode(AccessToken.self).name == "desk")
            let deactivated = try await client.signed(
                .put, "/auth/pats/\(pat.tokenId)/deactivate", as: operatorPrincipal)
            #expect(try deactivated.decode(AccessToken.self).isActive == false)
            #expect(try await client.get("/auth/pats", as: principal).status == .unauthorized)
            _ = try await client.signed(.put, "/auth/pats/\(pat.tokenId)/activate", as: operatorPrincipal)
            #expect(try await client.get("/auth/pats", as: principal).status == .ok)
            let deleted = try await client.signed(.delete, "/auth/pats/\(pat.tokenId)", as: operatorPrincipal)
            #expect(deleted.status == .ok)
            #expect(try await client.get("/auth/pats/\(pat.tokenId)", as: operatorPrincipal).status == .notFound)
        }
    }

    @Test("service accounts cannot create PATs; PAT names are unique per user")
    func rules() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (_, account) = try await client.createServiceAccount("sa", as: fixture.operatorPrincipal)
            let key = try PrivateSigningKey(generating: .ed25519)
            let request = CreatePersonalAccessTokenRequest(name: "x", publicKey: key.publicKey.pem)
            #expect(try await client.signed(.post, "/auth/pats", json: request, as: account).status == .forbidden)
            let (first, _) = try await client.createPat("x", as: fixture.operatorPrincipal)
            let duplicate = try await client.signed(.post, "/auth/pats", json: request, as: fixture.operatorPrincipal)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.error?.details?["duplicate"]?.stringValue == first.tokenId)
        }
    }
}
