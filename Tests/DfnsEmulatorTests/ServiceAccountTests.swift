import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Service accounts")
struct ServiceAccountTests {
    @Test("create returns the token once; list and get never do; the token authenticates as the account")
    func lifecycle() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (created, account) = try await client.createServiceAccount(
                "ci-deployer", externalId: "dfnsops:ServiceAccount/ci", as: operatorPrincipal)
            #expect(created.userInfo.isServiceAccount)
            #expect(created.userInfo.kind == "CustomerEmployee")
            #expect(created.userInfo.userId.hasPrefix("us-"))
            #expect(created.userInfo.externalId == "dfnsops:ServiceAccount/ci")
            let token = try #require(created.accessTokens.first)
            #expect(token.tokenId.hasPrefix("to-"))
            #expect(token.accessToken != nil)
            #expect(token.publicKey.contains("BEGIN PUBLIC KEY"))

            let list = try await client.get("/auth/service-accounts", as: operatorPrincipal)
            #expect(list.status == .ok)
            #expect(!list.text.contains("accessToken\""))
            let items = try list.decode(ItemList<ServiceAccount>.self).items
            #expect(items.map(\.userInfo.userId) == [created.userInfo.userId])

            let path = "/auth/service-accounts/\(created.userInfo.userId)"
            let got = try await client.get(path, as: operatorPrincipal).decode(ServiceAccount.self)
            #expect(got.accessTokens.first?.accessToken == nil)
            #expect(got.accessTokens.first?.credId == account.signer.credentialId)

            // The account's own token works, and it can sign with its own key.
            let own = try await client.send(
                .post, "/auth/action/init",
                body: #"{"userActionHttpMethod":"PUT","userActionHttpPath":"/x","userActionPayload":""}"#,
                as: account)
            #expect(own.status == .ok)
            #expect(
                try own.decode(UserActionChallenge.self).allowCredentials.key.map(\.id) == [account.signer.credentialId]
            )
        }
    }

    @Test("update, deactivate (token refused with 401), activate, delete (then 404)")
    func updateActivateDelete() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let operatorPrincipal = fixture.operatorPrincipal
            let (created, account) = try await client.createServiceAccount("old-name", as: operatorPrincipal)
            let path = "/auth/service-accounts/\(created.userInfo.userId)"
            let updated = try await client.signed(
                .put, path, json: UpdateServiceAccountRequest(name: "new-name", externalId: "x"), as: operatorPrincipal)
            #expect(try updated.decode(ServiceAccount.self).userInfo.name == "new-name")

            let deactivated = try await client.signed(.put, path + "/deactivate", body: "{}", as: operatorPrincipal)
            #expect(try deactivated.decode(ServiceAccount.self).userInfo.isActive == false)
            let refused = try await client.get("/auth/service-accounts", as: account)
            #expect(refused.status == .unauthorized)

            let activated = try await client.signed(.put, path + "/activate", as: operatorPrincipal)
            #expect(try activated.decode(ServiceAccount.self).accessTokens.first?.isActive == true)

            let deleted = try await client.signed(.delete, path, as: operatorPrincipal)
            #expect(deleted.status == .ok)
            #expect(try deleted.decode(ServiceAccount.self).accessTokens.isEmpty)
            #expect(try await client.get(path, as: operatorPrincipal).status == .notFound)
            #expect(try await client.get("/auth/service-accounts", as: account).status == .unauthorized)
        }
    }

    @Test("unknown ids, and ids of another organisation, are 404")
    func unknownAndForeign() async throws {
        let fixture = try await EmulatorFixture.make()
        let other = try await fixture.emulator.store.createAdditionalOrg(name: "other", keyAlgorithm: .ed25519)
        try await fixture.test { client in
            let unknown = try await client.get(
                "/auth/service-accounts/us-aaaaa-bbbbb-cccccccccccccccc", as: fixture.operatorPrincipal)
            #expect(unknown.status == .notFound)
            #expect(unknown.error?.status == 404)
            let (foreign, _) = try await client.createServiceAccount("theirs", as: try Principal(other))
            let response = try await client.get(
                "/auth/service-accounts/\(foreign.userInfo.userId)", as: fixture.operatorPrincipal)
            #expect(response.status == .notFound)
            let update = try await client.signed(
                .put, "/auth/service-accounts/\(foreign.userInfo.userId)/deactivate", body: "{}",
                as: fixture.operatorPrincipal)
            #expect(update.status == .notFound)
        }
    }

    @Test("a reused externalId is a 409 naming the duplicate")
    func externalIdConflict() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (first, _) = try await client.createServiceAccount(
                "a", externalId: "dfnsops:ServiceAccount/a", as: fixture.operatorPrincipal)
            let key = try PrivateSigningKey(generating: .ecdsaP256)
            let response = try await client.signed(
                .post, "/auth/service-accounts",
                json: CreateServiceAccountRequest(
                    name: "b", publicKey: key.publicKey.pem, externalId: "dfnsops:ServiceAccount/a"),
                as: fixture.operatorPrincipal)
            #expect(response.status == .conflict)
            #expect(response.error?.details?["duplicate"]?.stringValue == first.userInfo.userId)
        }
    }

    @Test("a bad public key or an empty name is a 400")
    func validation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let badKey = try await client.signed(
                .post, "/auth/service-accounts", json: CreateServiceAccountRequest(name: "a", publicKey: "nope"),
                as: fixture.operatorPrincipal)
            #expect(badKey.status == .badRequest)
            let key = try PrivateSigningKey(generating: .ed25519)
            let noName = try await client.signed(
                .post, "/auth/service-accounts",
                json: CreateServiceAccountRequest(name: "", publicKey: key.publicKey.pem), as: fixture.operatorPrincipal
            )
            #expect(noName.status == .badRequest)
        }
    }

    @Test("a service account without permissions is refused with 403; it cannot create service accounts")
    func permissions() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let (_, account) = try await client.createServiceAccount("bare", as: fixture.operatorPrincipal)
            let list = try await client.get("/auth/service-accounts", as: account)
            #expect(list.status == .forbidden)
            #expect(list.error?.message.contains("Auth:ServiceAccounts:Read") == true)
            let key = try PrivateSigningKey(generating: .ed25519)
            let create = try await client.signed(
                .post, "/auth/service-accounts",
                json: CreateServiceAccountRequest(name: "child", publicKey: key.publicKey.pem), as: account)
            #expect(create.status == .forbidden)
        }
    }

    @Test("a permission given at creation is assigned to the new account")
    func permissionAtCreation() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let permission = try await client.signed(
                .post, "/permissions", body: #"{"name":"reader","operations":["Auth:ServiceAccounts:Read"]}"#,
                as: fixture.operatorPrincipal
            ).decode(Permission.self)
            let (created, account) = try await client.createServiceAccount(
                "reader", permissionId: permission.id, as: fixture.operatorPrincipal)
            #expect(created.userInfo.permissionAssignments?.map(\.permissionId) == [permission.id])
            #expect(try await client.get("/auth/service-accounts", as: account).status == .ok)
        }
    }
}
