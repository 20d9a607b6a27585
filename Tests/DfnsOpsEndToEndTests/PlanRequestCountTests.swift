import DfnsAPI
import Foundation
import TestSupport
import Testing

/// `plan` reads the organisation with the fewest requests the API allows, counted by the emulator's request
/// ledger and by `--stats`:
///
///     requests = 1 + 1 + pages(W) + pages(U) + pages(R) + K
///     pages(n) = max(1, ⌈n / 100⌉)
///
/// Service accounts and PATs are one list each (the Dfns API does not paginate them); webhooks (W), users
/// (U; service accounts are users too, so U = S + 1 with the operator) and permissions (R) are one list each,
/// following pages of 100; and K is the number of keyed principals whose key and token the store holds, whose
/// credentials are listed acting as each of them, one request each (the API has no call that lists another
/// principal's credentials). Nothing else: no per-object reads, no mutation. With S service accounts in sync,
/// K = S: 8 requests for S = 3, 35 for S = 30, 126 for S = 120 (users then take two pages).
@Suite("dfnsops plan: request count")
struct PlanRequestCountTests {
    static let pageSize = 100

    static func pages(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    /// The manifests of `count` service accounts and the file store holding their keys.
    static func manifests(count: Int) -> [(String, String)] {
        var files = [
            (
                "manifests/store.yaml",
                """
                apiVersion: dfnsops.dev/v1alpha1
                kind: SecretStore
                metadata:
                  name: local
                spec:
                  type: file
                  file:
                    directory: \(PlanWorkspace.storeDirectory)

                """
            )
        ]
        for index in 1...count {
            files.append(
                (
                    "manifests/service-accounts/\(name(index)).yaml",
                    """
                    apiVersion: dfnsops.dev/v1alpha1
                    kind: ServiceAccount
                    metadata:
                      name: \(name(index))
                    spec:
                      permissions:
                        - Wallets Reader
                      key:
                        algorithm: ecdsa-p256
                        rotation:
                          maxAge: 90d
                          overlap: 1d

                    """
                ))
        }
        return files
    }

    static func name(_ index: Int) -> String { String(format: "worker-%03d", index) }

    @Test(
        "a plan over N in-sync service accounts makes exactly 1 + 1 + pages(W) + pages(U) + pages(R) + K requests",
        arguments: [3, 30, 120])
    func minimalRequests(count: Int) async throws {
        let keys = try (1...count).map { _ in try PrivateSigningKey(generating: .ecdsaP256) }
        var seed = EmulatorSeedDocument()
        seed.permissions = [
            .init(name: "Wallets Reader", operations: ["Wallets:Read"], assignTo: (1...count).map(Self.name))
        ]
        seed.serviceAccounts = (1...count).map { index in
            .init(
                name: Self.name(index), publicKey: keys[index - 1].publicKey.pem,
                externalId: "dfnsops:ServiceAccount/\(Self.name(index))")
        }
        try await withEmulator(seed: try seed.encoded(), arguments: ["--rate-limit", "0"]) { emulator in
            let workspace = try PlanWorkspace(manifests: [], emulator: emulator)
            for (path, text) in Self.manifests(count: count) { try workspace.write(text, to: path) }

            let client = try emulator.operatorClient()
            let accounts = try await client.listServiceAccounts()
            let users = try await client.listUsers(kind: nil)
            let permissions = try await client.listPermissions()
            try #require(accounts.count == count)
            try #require(users.count == count + 1, "service accounts and the operator are the organisation's users")
            let store = SeededStore(store: try workspace.store(), emulator: emulator)
            for account in accounts {
                let name = try #require(account.userInfo.externalId?.split(separator: "/").last.map(String.init))
                let index = try #require(Int(name.dropFirst("worker-".count)))
                try await store.holdKey(keys[index - 1], of: account, at: "service-accounts/\(name)")
            }

            // Service accounts and PATs (one unpaginated list each), webhooks (none), users, permissions, then one
            // credentials list per held key.
            let expected = 1 + 1 + Self.pages(0) + Self.pages(count + 1) + Self.pages(permissions.count) + count
            #expect(expected == [3: 8, 30: 35, 120: 126][count], "the figures in this suite's documentation")
            try await emulator.resetRequestLedger()
            let result = try await workspace.dfnsops([
                "plan", "manifests", "--format", "json", "--detailed-exitcode", "--stats", "--rate-limit", "0",
            ])
            #expect(result.status == 0, "everything is in sync, so --detailed-exitcode exits 0: \(result.stderrText)")
            let plan = try JSONDecoder().decode(PlanShape.self, from: result.stdout)
            #expect(plan.actions.isEmpty, "\(plan.actions.map(\.id))")
            #expect(plan.drift.isEmpty, "\(plan.drift.map(\.message))")

            let ledger = try await emulator.requestLedger()
            #expect(ledger.total == expected, "N=\(count): \(ledger.recent.map(\.description))")
            #expect(ledger.mutating == 0)
            #expect(ledger.mutationsApplied == 0)
            let byPath = Dictionary(grouping: ledger.recent, by: \.path).mapValues(\.count)
            #expect(byPath["/auth/credentials"] == count, "one credentials list per held key")
            #expect(byPath["/auth/service-accounts"] == 1)
            #expect(byPath["/auth/pats"] == 1)
            #expect(byPath["/auth/users"] == Self.pages(count + 1))
            #expect(ledger.recent.allSatisfy { $0.method == "GET" && $0.status == 200 })

            let stats = try #require(result.stderrText.split(separator: "\n").first { $0.hasPrefix("stats: ") })
            #expect(stats.hasPrefix("stats: \(expected) API requests in "), "\(stats)")
        }
    }
}
