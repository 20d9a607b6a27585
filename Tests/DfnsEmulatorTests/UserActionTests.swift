import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("User actions")
struct UserActionTests {
    let body = #"{"url":"https://example.com/hook","events":["*"]}"#

    @Test("a signed mutation succeeds, with every key family", arguments: [KeyAlgorithm.ecdsaP256, .ed25519, .rsa2048])
    func happyPath(algorithm: KeyAlgorithm) async throws {
        let fixture = try await EmulatorFixture.make { $0.operatorKeyAlgorithm = algorithm }
        try await fixture.test { client in
            let response = try await client.signed(.post, "/webhooks", body: body, as: fixture.operatorPrincipal)
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test("init lists the caller's active Key credentials")
    func allowCredentials() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/auth/action/init",
                body: #"{"userActionHttpMethod":"POST","userActionHttpPath":"/webhooks","userActionPayload":""}"#,
                as: fixture.operatorPrincipal)
            let challenge = try response.decode(UserActionChallenge.self)
            #expect(challenge.allowCredentials.key.map(\.id) == [fixture.operatorPrincipal.signer.credentialId])
            #expect(response.text.contains("supportedCredentialKinds"))
        }
    }

    @Test("a mutation without X-DFNS-USERACTION is refused with 403")
    func missing() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let response = try await client.send(.post, "/webhooks", body: body, as: fixture.operatorPrincipal)
            #expect(response.status == .forbidden)
            #expect(response.error?.message == "user action signature is missing or invalid")
            #expect(await fixture.emulator.store.appliedMutationCount() == 0)
        }
    }

    @Test("an unknown user-action token is refused with 403")
    func invalid() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/webhooks", body: body, as: fixture.operatorPrincipal, userAction: "ua-forged")
            #expect(response.status == .forbidden)
            #expect(response.error?.message == "user action signature is missing or invalid")
        }
    }

    @Test("a reused user-action token is refused with 400")
    func reused() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let token = try await client.userAction(.post, "/webhooks", payload: body, as: operatorPrincipal)
            let first = try await client.send(.post, "/webhooks", body: body, as: operatorPrincipal, userAction: token)
            #expect(first.status == .ok)
            let second = try await client.send(.post, "/webhooks", body: body, as: operatorPrincipal, userAction: token)
            #expect(second.status == .badRequest)
            #expect(second.error?.message == "user action has already been used")
        }
    }

    @Test("a user-action token expires after 5 minutes")
    func expired() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let token = try await client.userAction(.post, "/webhooks", payload: body, as: operatorPrincipal)
            fixture.clock.advance(by: 301)
            let response = try await client.send(
                .post, "/webhooks", body: body, as: operatorPrincipal, userAction: token)
            #expect(response.status == .forbidden)
            #expect(response.error?.details?["reason"]?.stringValue?.contains("expired") == true)
        }
    }

    @Test(
        "a user action is bound to its method, path and payload",
        arguments: [
            ("PUT", "/webhooks", #"{"url":"https://example.com/hook","events":["*"]}"#),
            ("POST", "/permissions", #"{"url":"https://example.com/hook","events":["*"]}"#),
            ("POST", "/webhooks", #"{"url":"https://example.com/other","events":["*"]}"#),
            ("POST", "/webhooks", ""),
        ])
    func mismatched(method: String, path: String, payload: String) async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let token = try await client.userAction(
                .init(method) ?? .post, path, payload: payload, as: fixture.operatorPrincipal)
            let response = try await client.send(
                .post, "/webhooks", body: body, as: fixture.operatorPrincipal, userAction: token)
            #expect(response.status == .forbidden, "\(response.text)")
            #expect(await fixture.emulator.store.appliedMutationCount() == 0)
        }
    }

    @Test("the payload is compared as JSON values, so key order, spacing and escapes do not matter")
    func payloadAsJSONValue() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let declared = #"{"events": ["*"], "url": "https://example.com/h\u00e9"}"#
            let sent = #"{"url":"https://example.com/hé","events":["*"]}"#
            let token = try await client.userAction(
                .post, "/webhooks", payload: declared, as: fixture.operatorPrincipal)
            let response = try await client.send(
                .post, "/webhooks", body: sent, as: fixture.operatorPrincipal, userAction: token)
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test("an empty payload matches an empty body and {}, as the Python SDK sends them")
    func emptyPayload() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (account, _) = try await client.createServiceAccount("sa", as: operatorPrincipal)
            let path = "/auth/service-accounts/\(account.userInfo.userId)/deactivate"
            for body in [nil, "{}", " { } "] as [String?] {
                let token = try await client.userAction(.put, path, payload: "", as: operatorPrincipal)
                let response = try await client.send(.put, path, body: body, as: operatorPrincipal, userAction: token)
                #expect(response.status == .ok, "\(body ?? "no body"): \(response.text)")
            }
            let token = try await client.userAction(.put, path, payload: "", as: operatorPrincipal)
            let response = try await client.send(
                .put, path, body: #"{"force":true}"#, as: operatorPrincipal, userAction: token)
            #expect(response.status == .forbidden)
        }
    }

    @Test("the signed path is compared without its query string")
    func pathWithoutQuery() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (account, _) = try await client.createServiceAccount("sa", as: operatorPrincipal)
            let path = "/auth/service-accounts/\(account.userInfo.userId)"
            let token = try await client.userAction(.delete, path, payload: "", as: operatorPrincipal)
            let response = try await client.send(
                .delete, path + "?force=true", as: operatorPrincipal, userAction: token)
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test("a user action signed for one caller cannot be used by another")
    func otherCaller() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (_, account) = try await client.createServiceAccount("sa", as: fixture.operatorPrincipal)
            let token = try await client.userAction(.post, "/webhooks", payload: body, as: fixture.operatorPrincipal)
            let response = try await client.send(.post, "/webhooks", body: body, as: account, userAction: token)
            #expect(response.status == .forbidden)
        }
    }

    @Test("a signature by the wrong key is refused at /auth/action")
    func badSignature() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let impostor = fixture.operatorPrincipal.signing(
                with: try KeyFactory.signer(credentialId: fixture.operatorPrincipal.signer.credentialId))
            let response = try await client.attemptUserAction(.post, "/webhooks", payload: "", as: impostor)
            #expect(response.status == .unauthorized)
            #expect(response.error?.message.contains("signature") == true)
        }
    }

    @Test("a deactivated credential cannot sign")
    func deactivatedCredentialCannotSign() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (_, newSigner) = try await client.registerKeyCredential("second", for: operatorPrincipal)
            let credentials = try await client.get("/auth/credentials", as: operatorPrincipal)
                .decode(ItemList<Credential>.self)
            let old = try #require(
                credentials.items.first { $0.credentialId == operatorPrincipal.signer.credentialId })
            let deactivated = try await client.signed(
                .put, "/auth/credentials/deactivate", json: CredentialUuidRequest(credentialUuid: old.credentialUuid),
                as: operatorPrincipal.signing(with: newSigner))
            #expect(deactivated.status == .ok, "\(deactivated.text)")
            let refused = try await client.attemptUserAction(.post, "/webhooks", payload: body, as: operatorPrincipal)
            #expect(refused.status == .unauthorized)
            #expect(refused.error?.message.contains("deactivated") == true)
        }
    }
}
