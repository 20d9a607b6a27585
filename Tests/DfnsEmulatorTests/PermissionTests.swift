import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Permissions")
struct PermissionTests {
    @Test("list, get, create, update, archive; assignments list, assign, revoke")
    func lifecycle() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let listed = try await client.get("/permissions", as: principal).decode(Page<Permission>.self)
            #expect(listed.items.map(\.name) == ["DfnsEmulatorOperator"])
            let created = try await client.signed(
                .post, "/permissions", body: #"{"name":"webhooks","operations":["Webhooks:Read"]}"#, as: principal)
            let permission = try created.decode(Permission.self)
            #expect(permission.id.hasPrefix("pm-"))
            let duplicate = try await client.signed(
                .post, "/permissions", body: #"{"name":"webhooks","operations":["Webhooks:Read"]}"#, as: principal)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.error?.details?["duplicate"]?.stringValue == permission.id)
            let updated = try await client.signed(
                .put, "/permissions/\(permission.id)",
                body: #"{"operations":["Webhooks:Read","Webhooks:Events:Read"]}"#, as: principal)
            #expect(try updated.decode(Permission.self).operations.count == 2)

            let (account, accountPrincipal) = try await client.createServiceAccount("sa", as: principal)
            #expect(try await client.get("/webhooks", as: accountPrincipal).status == .forbidden)
            let assigned = try await client.signed(
                .post, "/permissions/\(permission.id)/assignments",
                json: AssignPermissionRequest(identityId: account.userInfo.userId), as: principal)
            let assignment = try assigned.decode(PermissionAssignment.self)
            #expect(assignment.id.hasPrefix("as-"))
            #expect(try await client.get("/webhooks", as: accountPrincipal).status == .ok)
            let again = try await client.signed(
                .post, "/permissions/\(permission.id)/assignments",
                json: AssignPermissionRequest(identityId: account.userInfo.userId), as: principal)
            #expect(again.status == .conflict)

            let assignments = try await client.get("/permissions/\(permission.id)/assignments?limit=1", as: principal)
                .decode(Page<PermissionAssignment>.self)
            #expect(assignments.items.map(\.id) == [assignment.id])
            #expect(
                try await client.get("/permissions/\(permission.id)/assignments?limit=999", as: principal).status
                    == .badRequest)

            let revoked = try await client.signed(
                .delete, "/permissions/\(permission.id)/assignments/\(assignment.id)", as: principal)
            #expect(revoked.status == .ok)
            #expect(try await client.get("/webhooks", as: accountPrincipal).status == .forbidden)

            let archived = try await client.signed(
                .put, "/permissions/\(permission.id)/archive", body: #"{"isArchived":true}"#, as: principal)
            #expect(try archived.decode(Permission.self).isArchived)
        }
    }

    @Test("unknown permissions, assignments and identities are 404; the operator's permission is immutable")
    func errors() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let unknown = "pm-aaaaa-bbbbb-cccccccccccccccc"
            #expect(try await client.get("/permissions/\(unknown)", as: principal).status == .notFound)
            #expect(try await client.get("/permissions/\(unknown)/assignments", as: principal).status == .notFound)
            let own = try await client.get("/permissions", as: principal).decode(Page<Permission>.self).items[0]
            let toNobody = try await client.signed(
                .post, "/permissions/\(own.id)/assignments",
                json: AssignPermissionRequest(identityId: "us-aaaaa-bbbbb-cccccccccccccccc"), as: principal)
            #expect(toNobody.status == .notFound)
            let revoke = try await client.signed(
                .delete, "/permissions/\(own.id)/assignments/as-aaaaa-bbbbb-cccccccccccccccc", as: principal)
            #expect(revoke.status == .notFound)
            let change = try await client.signed(
                .put, "/permissions/\(own.id)", body: #"{"name":"mine"}"#, as: principal)
            #expect(change.status == .badRequest)
        }
    }
}
