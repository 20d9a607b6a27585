import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Users")
struct UserTests {
    @Test("list is paginated and includes service accounts; get, deactivate and activate a user")
    func lifecycle() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let (account, accountPrincipal) = try await client.createServiceAccount("sa", as: principal)
            let all = try await client.get("/auth/users", as: principal).decode(Page<User>.self)
            #expect(all.items.count == 2)
            #expect(all.items.contains { $0.userId == account.userInfo.userId && $0.isServiceAccount })
            let firstPage = try await client.get("/auth/users?limit=1", as: principal).decode(Page<User>.self)
            #expect(firstPage.items.count == 1)
            #expect(firstPage.nextPageToken != nil)
            #expect(try await client.get("/auth/users?limit=201", as: principal).status == .badRequest)
            #expect(try await client.get("/auth/users?kind=Robot", as: principal).status == .badRequest)

            let me = try await client.get("/auth/users/\(fixture.operatorCredentials.userId)", as: principal)
                .decode(User.self)
            #expect(me.kind == "CustomerEmployee")
            #expect(me.permissions?.contains("Webhooks:Create") == true)

            let path = "/auth/users/\(account.userInfo.userId)"
            let off = try await client.signed(.put, path + "/deactivate", as: principal)
            #expect(try off.decode(User.self).isActive == false)
            #expect(try await client.get("/auth/pats", as: accountPrincipal).status == .unauthorized)
            let on = try await client.signed(.put, path + "/activate", as: principal)
            #expect(try on.decode(User.self).isActive)
            #expect(try await client.get("/auth/pats", as: accountPrincipal).status == .ok)

            let unknown = "/auth/users/us-aaaaa-bbbbb-cccccccccccccccc"
            #expect(try await client.get(unknown, as: principal).status == .notFound)
            #expect(try await client.signed(.put, unknown + "/deactivate", as: principal).status == .notFound)
            let selfDeactivate = try await client.signed(
                .put, "/auth/users/\(fixture.operatorCredentials.userId)/deactivate", as: principal)
            #expect(selfDeactivate.status == .badRequest)
        }
    }

    @Test("deactivating a person also disables their PATs")
    func deactivationDisablesPats() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let permission = try await client.signed(
                .post, "/permissions",
                body: #"{"name":"switch","operations":["Auth:Users:Activate","Auth:Users:Deactivate"]}"#,
                as: principal
            ).decode(Permission.self)
            let (_, admin) = try await client.createServiceAccount(
                "user-admin", permissionId: permission.id, as: principal)
            let (_, pat) = try await client.createPat("laptop", as: principal)
            let path = "/auth/users/\(fixture.operatorCredentials.userId)"
            #expect(try await client.signed(.put, path + "/deactivate", as: admin).status == .ok)
            #expect(try await client.get("/auth/pats", as: pat).status == .unauthorized)
            #expect(try await client.get("/auth/pats", as: principal).status == .unauthorized)
            #expect(try await client.signed(.put, path + "/activate", as: admin).status == .ok)
            #expect(try await client.get("/auth/pats", as: pat).status == .ok)
        }
    }

    @Test("users of another organisation are 404")
    func otherOrganisation() async throws {
        let fixture = try await EmulatorFixture.make()
        let other = try await fixture.emulator.store.createAdditionalOrg(name: "second", keyAlgorithm: .ecdsaP256)
        try await fixture.test { client in
            #expect(
                try await client.get("/auth/users/\(other.userId)", as: fixture.operatorPrincipal).status == .notFound)
            let theirs = try await client.get("/auth/users", as: try Principal(other)).decode(Page<User>.self)
            #expect(theirs.items.map(\.userId) == [other.userId])
        }
    }
}
