import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Credentials")
struct CredentialTests {
    @Test("the operator registers a Key credential with an attestation, signs with it, and rotates")
    func operatorRotation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let old = fixture.operatorPrincipal
            let (credential, signer) = try await client.registerKeyCredential("next", algorithm: .rsa2048, for: old)
            #expect(credential.kind == "Key")
            #expect(credential.credentialUuid.hasPrefix("cr-"))
            #expect(credential.isActive)
            let new = old.signing(with: signer)
            let listed = try await client.get("/auth/credentials", as: old).decode(ItemList<Credential>.self)
            #expect(listed.items.count == 2)
            let oldUuid = try #require(
                listed.items.first { $0.credentialId == old.signer.credentialId }?.credentialUuid)
            let deactivate = try await client.signed(
                .put, "/auth/credentials/deactivate", json: CredentialUuidRequest(credentialUuid: oldUuid), as: new)
            #expect(deactivate.status == .ok)
            #expect(try deactivate.decode(MessageResponse.self).message == "success")
            let reactivate = try await client.signed(
                .put, "/auth/credentials/activate", json: CredentialUuidRequest(credentialUuid: oldUuid), as: new)
            #expect(reactivate.status == .ok)
            let delete = try await client.signed(.delete, "/auth/credentials/\(oldUuid)", as: new)
            #expect(delete.status == .ok)
            #expect(delete.text == "{}")
        }
    }

    @Test("deactivating or deleting the caller's last active credential is refused with 400")
    func lastCredential() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let listed = try await client.get("/auth/credentials", as: principal).decode(ItemList<Credential>.self)
            let uuid = try #require(listed.items.first?.credentialUuid)
            let deactivate = try await client.signed(
                .put, "/auth/credentials/deactivate", json: CredentialUuidRequest(credentialUuid: uuid), as: principal)
            #expect(deactivate.status == .badRequest)
            #expect(deactivate.error?.message.contains("last active credential") == true)
            let delete = try await client.signed(.delete, "/auth/credentials/\(uuid)", as: principal)
            #expect(delete.status == .badRequest)
            let unknown = try await client.signed(
                .put, "/auth/credentials/deactivate",
                json: CredentialUuidRequest(credentialUuid: "cr-aaaaa-bbbbb-cccccccccccccccc"), as: principal)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("a service account adds a Key credential to itself, lists its own, and retires the old one")
    func serviceAccountRotation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (created, account) = try await client.createServiceAccount("rotating", as: fixture.operatorPrincipal)
            let (credential, signer) = try await client.registerKeyCredential("gen-2", for: account)
            let rotated = account.signing(with: signer)
            let own = try await client.get("/auth/credentials", as: rotated).decode(ItemList<Credential>.self)
            #expect(Set(own.items.map(\.credentialId)) == [account.signer.credentialId, credential.credentialId])
            let oldUuid = try #require(created.userInfo.credentialUuid)
            let deactivate = try await client.signed(
                .put, "/auth/credentials/deactivate", json: CredentialUuidRequest(credentialUuid: oldUuid),
                as: rotated)
            #expect(deactivate.status == .ok)
            // The operator's credentials are not the service account's.
            let operatorOwn = try await client.get("/auth/credentials", as: fixture.operatorPrincipal)
                .decode(ItemList<Credential>.self)
            #expect(!operatorOwn.items.contains { $0.credentialId == credential.credentialId })
            let again = try await client.signed(
                .put, "/auth/credentials/deactivate",
                json: CredentialUuidRequest(credentialUuid: credential.credentialUuid), as: rotated)
            #expect(again.status == .badRequest)
        }
    }

    @Test("the service-account credential endpoints add and delete the caller's keys")
    func serviceAccountEndpoints() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (created, account) = try await client.createServiceAccount("oidc", as: fixture.operatorPrincipal)
            let key = try PrivateSigningKey(generating: .ed25519)
            let added = try await client.signed(
                .post, "/auth/service-accounts/credentials",
                json: CreateServiceAccountCredentialRequest(publicKey: key.publicKey.pem, name: "second"), as: account)
            #expect(added.status == .ok, "\(added.text)")
            let credential = try added.decode(Credential.self)
            let next = account.signing(
                with: KeyCredentialSigner(credentialId: credential.credentialId, privateKey: key))
            let oldUuid = try #require(created.userInfo.credentialUuid)
            let deleted = try await client.signed(.delete, "/auth/service-accounts/credentials/\(oldUuid)", as: next)
            #expect(deleted.status == .ok)
            let last = try await client.signed(
                .delete, "/auth/service-accounts/credentials/\(credential.credentialUuid)", as: next)
            #expect(last.status == .badRequest)
            let byOperator = try await client.signed(
                .post, "/auth/service-accounts/credentials",
                json: CreateServiceAccountCredentialRequest(publicKey: key.publicKey.pem), as: fixture.operatorPrincipal
            )
            #expect(byOperator.status == .forbidden)
        }
    }

    @Test("with --strict-credential-matrix, service accounts and PATs get 403 on credential endpoints")
    func strictMatrix() async throws {
        let fixture = try await EmulatorFixture.make { $0.strictCredentialMatrix = true }
        try await fixture.test { client in
            let (_, account) = try await client.createServiceAccount("sa", as: fixture.operatorPrincipal)
            let (_, pat) = try await client.createPat("pat", as: fixture.operatorPrincipal)
            for principal in [account, pat] {
                #expect(try await client.get("/auth/credentials", as: principal).status == .forbidden)
                let initResponse = try await client.send(
                    .post, "/auth/credentials/init", body: #"{"kind":"Key"}"#, as: principal)
                #expect(initResponse.status == .forbidden)
            }
            #expect(try await client.get("/auth/credentials", as: fixture.operatorPrincipal).status == .ok)
        }
    }

    @Test("an attestation for another challenge, or signed by another key, is refused")
    func badAttestation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let challenge = try await client.send(
                .post, "/auth/credentials/init", body: #"{"kind":"Key"}"#, as: principal
            ).decode(CredentialChallenge.self)
            let key = try PrivateSigningKey(generating: .ecdsaP256)
            let wrongChallenge = try KeyCredentialAttestation.make(newKey: key, credId: "c1", challenge: "nope")
            let response = try await client.signed(
                .post, "/auth/credentials",
                json: CreateKeyCredentialRequest(
                    credentialName: "n", challengeIdentifier: challenge.challengeIdentifier,
                    credentialInfo: wrongChallenge), as: principal)
            #expect(response.status == .badRequest)
            #expect(response.error?.message.contains("attestation") == true)
        }
    }

    @Test("the code flow registers a credential from an unauthenticated device")
    func codeFlow() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let expiration = DfnsDate.format(fixture.clock.now().addingTimeInterval(30))
            let code = try await client.signed(
                .post, "/auth/credentials/code", body: "{\"expiration\":\"\(expiration)\"}", as: principal
            ).decode(CredentialCode.self)
            let challenge = try await client.raw(
                .post, "/auth/credentials/code/init", body: "{\"code\":\"\(code.code)\",\"credentialKind\":\"Key\"}"
            ).decode(CredentialChallenge.self)
            let key = try PrivateSigningKey(generating: .ed25519)
            let info = try KeyCredentialAttestation.make(
                newKey: key, credId: "device-2", challenge: challenge.challenge)
            let body = try DfnsTestClient.encoder.encode(
                CreateKeyCredentialRequest(
                    credentialName: "device 2", challengeIdentifier: challenge.challengeIdentifier,
                    credentialInfo: info))
            let verified = try await client.raw(
                .post, "/auth/credentials/code/verify", body: String(decoding: body, as: UTF8.self))
            #expect(verified.status == .ok, "\(verified.text)")
            let listed = try await client.get("/auth/credentials", as: principal).decode(ItemList<Credential>.self)
            #expect(listed.items.contains { $0.credentialId == "device-2" })
            let reused = try await client.raw(
                .post, "/auth/credentials/code/init", body: "{\"code\":\"\(code.code)\",\"credentialKind\":\"Key\"}")
            #expect(reused.status == .unauthorized)
        }
    }
}
