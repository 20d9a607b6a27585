import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 8, "Must show" 2: with `--strict-credential-matrix` a service account cannot add a credential to itself
/// through `/auth/credentials`; `strategy: replace` makes a new service account per generation instead, and
/// `rekey` falls back to the service-account credential endpoints, saying which path it used.
@Suite("rotation: replace, and rekey through the service-account path, under --strict-credential-matrix")
struct RotationReplaceTests {
    static let strict = ["--strict-credential-matrix"]

    @Test(
        "replace: a new service account with the same permissions; the old deactivated after overlap, deleted after retain"
    )
    func replaceStrategy() async throws {
        try await RotationLab.with(emulatorArguments: Self.strict) { lab in
            let name = "reporting-exporter"
            let entry = "accounts/\(name)"
            try lab.declare(
                RotationLab.serviceAccount(
                    name, algorithm: "rsa-2048", permissions: ["Wallets Reader", "Payments Initiator"], maxAge: "60d",
                    overlap: "7d", retain: "14d", strategy: "replace"),
                as: name)
            #expect(try await lab.apply().status == 0)
            let first = try await lab.identity(entry)
            let old = try #require(try await lab.serviceAccounts(named: name).first)

            try await lab.advance(days: 60)
            let rotated = try await lab.apply()
            #expect(rotated.status == 0, "\(rotated)")
            #expect(rotated.stderr.contains("with the same permissions"), "\(rotated)")
            let accounts = try await lab.serviceAccounts(named: name)
            #expect(accounts.count == 2 && accounts.allSatisfy(\.userInfo.isActive), "both active in the overlap")
            let second = try await lab.identity(entry)
            let newId = try #require(try await lab.entry(entry).current?.metadata.principalId)
            #expect(newId != old.userInfo.userId)
            #expect(second.token != first.token, "replace gives the new generation its own token")
            let new = try #require(accounts.first { $0.userInfo.userId == newId })
            let permissionNames = { (account: ServiceAccount) in
                Set((account.userInfo.permissionAssignments ?? []).map(\.permissionName))
            }
            #expect(permissionNames(new) == ["Wallets Reader", "Payments Initiator"])
            #expect(permissionNames(new) == permissionNames(old))
            #expect(await lab.signs(as: first), "the old generation works during the overlap")
            #expect(await lab.signs(as: second), "the new generation works")

            let waiting = try await lab.plan()
            #expect(waiting.stdout.contains("waiting: deactivate generation 1 after"), "\(waiting)")

            // After the overlap: the old service account is deactivated, not yet deleted.
            try await lab.advance(days: 7)
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            let afterOverlap = try await lab.serviceAccounts(named: name)
            #expect(afterOverlap.first { $0.userInfo.userId == old.userInfo.userId }?.userInfo.isActive == false)
            #expect(afterOverlap.first { $0.userInfo.userId == newId }?.userInfo.isActive == true)
            #expect(await lab.signs(as: first) == false)
            #expect(await lab.signs(as: try await lab.identity(entry)))
            #expect(try await lab.plan(["--detailed-exitcode"]).status == 0)

            // After retain: deleted, and the previous generation leaves the store.
            try await lab.advance(days: 14)
            let deleted = try await lab.apply()
            #expect(deleted.status == 0, "\(deleted)")
            #expect(deleted.stderr.contains("deleted the previous generation \(old.userInfo.userId)"), "\(deleted)")
            #expect(try await lab.serviceAccounts(named: name).map(\.userInfo.userId) == [newId])
            #expect(try await lab.entry(entry).previous == nil)
            #expect(try await lab.plan(["--detailed-exitcode"]).status == 0)
        }
    }

    @Test("rekey stops before staging anything when the principal may not list its own credentials")
    func rekeyRefusedByStrictMatrix() async throws {
        try await RotationLab.with(emulatorArguments: Self.strict) { lab in
            let name = "payments-signer"
            let entry = "accounts/\(name)"
            try lab.declare(RotationLab.serviceAccount(name), as: name)
            #expect(try await lab.apply().status == 0)
            let accountId = try #require(try await lab.serviceAccounts(named: name).first).userInfo.userId

            try await lab.advance(days: 90)
            for _ in 0..<2 {
                let refused = try await lab.apply()
                #expect(refused.status == 1, "\(refused)")
                #expect(refused.stdout.contains("use rotation.strategy: replace"), "\(refused)")
            }
            #expect(try await lab.credentials(owner: accountId).count == 1, "no key was registered")
            let metadata = try await lab.entry(entry)
            #expect(metadata.pending == nil && metadata.current?.metadata.generation == 1)
            #expect(await lab.signs(as: try await lab.identity(entry)))
        }
    }

    @Test("rekey falls back to the service-account credential endpoints when /auth/credentials refuses, and says so")
    func rekeyThroughServiceAccountPath() async throws {
        try await RotationLab.with { lab in
            let name = "payments-signer"
            let entry = "accounts/\(name)"
            try lab.declare(RotationLab.serviceAccount(name, algorithm: "ed25519"), as: name)
            #expect(try await lab.apply().status == 0)
            let first = try await lab.identity(entry)
            let accountId = try #require(try await lab.serviceAccounts(named: name).first).userInfo.userId
            // This organisation refuses the guide's endpoints for service accounts, but not the listing.
            try await lab.emulator.addFault(
                .init(method: "POST", path: "/auth/credentials", action: "fail", status: 403))
            try await lab.emulator.addFault(
                .init(method: "PUT", path: "/auth/credentials/deactivate", action: "fail", status: 403))

            try await lab.advance(days: 90)
            let rotated = try await lab.apply(["--format", "json"])
            #expect(rotated.status == 0, "\(rotated)")
            #expect(rotated.stdout.contains("through /auth/service-accounts/credentials"), "\(rotated)")
            #expect(rotated.stdout.contains("[credential path: /auth/service-accounts/credentials]"), "\(rotated)")
            let second = try await lab.identity(entry)
            #expect(second.token == first.token)
            #expect(try await lab.credentials(owner: accountId).filter(\.isActive).count == 2)

            try await lab.advance(days: 3)
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            let credentials = try await lab.credentials(owner: accountId)
            #expect(
                credentials.map(\.credentialId) == [second.signer?.credentialId],
                "the old one was deleted: \(credentials)")
            #expect(await lab.signs(as: try await lab.identity(entry)))
        }
    }
}
