import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DfnsEmulator

@Suite("Persistence, seeding and the admin API")
struct PersistenceTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dfns-emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("--state keeps the organisation across restarts, written with mode 0600")
    func stateSurvivesRestart() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.json").path
        let first = try await Emulator.make(configuration: EmulatorConfiguration(statePath: path))
        let firstOperator = try await first.operatorCredentials()
        let (account, accountPrincipal) = try await first.buildApplication().test(.router) { client in
            try await DfnsTestClient(client: client).createServiceAccount("kept", as: try Principal(firstOperator))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))

        let second = try await Emulator.make(configuration: EmulatorConfiguration(statePath: path))
        let secondOperator = try await second.operatorCredentials()
        #expect(secondOperator.authToken == firstOperator.authToken)
        try await second.buildApplication().test(.router) { client in
            let client = DfnsTestClient(client: client)
            let got = try await client.get(
                "/auth/service-accounts/\(account.userInfo.userId)", as: try Principal(secondOperator))
            #expect(got.status == .ok)
            // The account's token and key still work after the restart.
            let signed = try await client.signed(
                .put, "/auth/service-accounts/\(account.userInfo.userId)", body: #"{"name":"renamed"}"#,
                as: try Principal(secondOperator))
            #expect(signed.status == .ok)
            #expect(try await client.get("/auth/credentials", as: accountPrincipal).status == .ok)
        }
    }

    @Test("a corrupt state file stops the start with a clear error")
    func corruptState() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.json").path
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: EmulatorStartupError.self) {
            _ = try await Emulator.make(configuration: EmulatorConfiguration(statePath: path))
        }
    }

    @Test("--seed loads unmanaged fixtures, and other organisations stay invisible")
    func seed() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        let seed: JSONValue = .object([
            "permissions": .array([
                .object([
                    "name": .string("readers"), "operations": .array([.string("Webhooks:Read")]),
                    "assignTo": .array([.string("legacy-sa")]),
                ])
            ]),
            "users": .array([.object(["username": .string("alice@example.com")])]),
            "serviceAccounts": .array([
                .object(["name": .string("legacy-sa"), "publicKey": .string(key.publicKey.pem)]),
                .object(["name": .string("retired"), "isActive": .bool(false)]),
            ]),
            "pats": .array([.object(["name": .string("alice-laptop"), "username": .string("alice@example.com")])]),
            "webhooks": .array([
                .object([
                    "url": .string("https://example.com/legacy"), "events": .array([.string("*")]),
                    "secret": .string("whs-known"),
                ])
            ]),
            "otherOrgs": .array([
                .object([
                    "name": .string("neighbours"), "serviceAccounts": .array([.object(["name": .string("theirs")])]),
                ])
            ]),
        ])
        let seedPath = directory.appendingPathComponent("seed.json")
        try JSONEncoder().encode(seed).write(to: seedPath)
        let fixture = try await EmulatorFixture.make { $0.seedPath = seedPath.path }
        try await fixture.test { client in
            let principal = fixture.operatorPrincipal
            let accounts = try await client.get("/auth/service-accounts", as: principal)
                .decode(ItemList<ServiceAccount>.self).items
            #expect(Set(accounts.map(\.userInfo.name)) == ["legacy-sa", "retired"])
            #expect(accounts.first { $0.userInfo.name == "retired" }?.userInfo.isActive == false)
            #expect(accounts.allSatisfy { $0.userInfo.externalId == nil })
            let users = try await client.get("/auth/users", as: principal).decode(Page<User>.self).items
            #expect(users.contains { $0.username == "alice@example.com" })
            let hooks = try await client.get("/webhooks", as: principal).decode(Page<Webhook>.self).items
            #expect(hooks.map(\.url) == ["https://example.com/legacy"])

            // The admin API mints a token for a seeded account; with the seed's key it can sign.
            let legacy = try #require(accounts.first { $0.userInfo.name == "legacy-sa" })
            let tokenId = try #require(legacy.accessTokens.first?.tokenId)
            let minted = try await client.raw(.post, "/_emulator/tokens/\(tokenId)")
            let token = try #require(try minted.decode([String: String].self)["accessToken"])
            let actor = Principal(
                token: token,
                signer: KeyCredentialSigner(credentialId: legacy.accessTokens[0].credId, privateKey: key))
            #expect(try await client.get("/webhooks", as: actor).status == .ok)
            #expect(try await client.signed(.put, "/auth/pats/to-x", body: "{}", as: actor).status == .notFound)

            let operators = try await client.raw(.get, "/_emulator/operators").decode([OperatorCredentials].self)
            #expect(operators.count == 2)
            let neighbours = try Principal(operators[1])
            let theirs = try await client.get("/auth/service-accounts", as: neighbours)
                .decode(ItemList<ServiceAccount>.self)
            #expect(theirs.items.map(\.userInfo.name) == ["theirs"])
        }
    }

    @Test("the admin clock moves only with --manual-clock")
    func clock() async throws {
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let before = fixture.clock.now()
            let advanced = try await client.raw(.post, "/_emulator/clock/advance", body: #"{"seconds":3600}"#)
            #expect(advanced.status == .ok)
            #expect(fixture.clock.now() == before.addingTimeInterval(3600))
            let set = try await client.raw(.put, "/_emulator/clock", body: #"{"now":"2030-01-01T00:00:00Z"}"#)
            #expect(set.status == .ok)
            #expect(fixture.clock.now() == Date(timeIntervalSince1970: 1_893_456_000))
        }
        let wall = try await Emulator.make(configuration: EmulatorConfiguration(adminEnabled: true))
        try await wall.buildApplication().test(.router) { client in
            let response = try await DfnsTestClient(client: client).raw(
                .post, "/_emulator/clock/advance", body: #"{"seconds":1}"#)
            #expect(response.status == .conflict)
        }
    }

    @Test("without --admin there is no admin API; with it, the state dump hides nothing it should not")
    func adminSwitch() async throws {
        let closed = try await Emulator.make(configuration: EmulatorConfiguration(adminEnabled: false))
        try await closed.buildApplication().test(.router) { client in
            let status = try await DfnsTestClient(client: client).raw(.get, "/_emulator/state").status
            #expect(status == .notFound)
        }
        let fixture = try await EmulatorFixture.make()
        try await fixture.test { client in
            let dump = try await client.raw(.get, "/_emulator/state")
            #expect(dump.status == .ok)
            #expect(dump.text.contains(fixture.operatorCredentials.userId))
            #expect(try await client.raw(.get, "/_emulator/health").status == .ok)
            let created = try await client.raw(
                .post, "/_emulator/orgs", body: #"{"name":"extra","keyAlgorithm":"ed25519"}"#)
            #expect(created.status == .created)
            let extra = try created.decode(OperatorCredentials.self)
            #expect(extra.orgId != fixture.operatorCredentials.orgId)
            #expect(
                try await client.raw(.put, "/_emulator/rate-limit", body: #"{"requestsPerMinute":1}"#).status == .ok)
            #expect(try await client.get("/webhooks", as: try Principal(extra)).status == .ok)
            #expect(try await client.get("/webhooks", as: try Principal(extra)).status == .tooManyRequests)
        }
    }
}
