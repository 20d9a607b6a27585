import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 8, "Must show" 1 and 4: a service account's key rotated by `rekey` across applies spaced by the
/// overlap (user story 4), for every key family, and a rollback during the overlap.
@Suite("rotation: rekey a service account's key")
struct RotationRekeyTests {
    static let name = "payments-signer"
    static let entry = "accounts/payments-signer"

    @Test(
        "day 0 create, day 90 rotate (both keys active), day 91 wait, day 93 retire, day 123 drop previous",
        arguments: ["ecdsa-p256", "rsa-2048", "ed25519"])
    func fullRotation(algorithm: String) async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.serviceAccount(Self.name, algorithm: algorithm), as: Self.name)
            let created = try await lab.apply()
            #expect(created.status == 0, "\(created)")
            let first = try await lab.identity(Self.entry)
            let account = try #require(try await lab.serviceAccounts(named: Self.name).first)
            let accountId = account.userInfo.userId
            #expect(try await lab.credentials(owner: accountId).count == 1)

            // Day 90: due. One apply stages, registers (signed with the old key), verifies and promotes.
            try await lab.advance(days: 90)
            let duePlan = try await lab.plan()
            #expect(duePlan.stdout.contains("rotate: due (max_age)"), "\(duePlan)")
            let rotated = try await lab.apply()
            #expect(rotated.status == 0, "\(rotated)")
            #expect(rotated.stderr.contains("registered generation 2 through /auth/credentials"), "\(rotated)")
            #expect(rotated.stderr.contains("[credential path: /auth/credentials]"), "\(rotated)")
            let second = try await lab.identity(Self.entry)
            let metadata = try await lab.entry(Self.entry)
            #expect(metadata.current?.metadata.generation == 2)
            #expect(metadata.previous?.metadata.generation == 1)
            #expect(metadata.pending == nil)
            #expect(second.token == first.token, "rekey keeps the service account's token")
            #expect(second.signer?.credentialId != first.signer?.credentialId)
            #expect(second.signer?.privateKey.publicKey.fingerprint == metadata.current?.fingerprint)
            var credentials = try await lab.credentials(owner: accountId)
            #expect(credentials.count == 2 && credentials.allSatisfy(\.isActive), "\(credentials)")
            #expect(credentials.map(\.name).contains("dfnsops:ServiceAccount/\(Self.name)#2"), "\(credentials)")
            #expect(await lab.signs(as: first), "the old key still signs during the overlap")
            #expect(await lab.signs(as: second), "the new key signs")

            // Day 91: still in the overlap; the plan says what waits and until when; apply changes nothing.
            try await lab.advance(days: 1)
            let waiting = try await lab.plan()
            let overlapEnds = PlanTime.format(lab.now.addingTimeInterval(2 * RotationLab.day))
            #expect(waiting.stdout.contains("rotation_waiting"), "\(waiting)")
            #expect(waiting.stdout.contains("waiting: deactivate generation 1 after \(overlapEnds)"), "\(waiting)")
            let idle = try await lab.apply()
            #expect(idle.status == 0, "\(idle)")
            #expect(try await lab.credentials(owner: accountId).filter(\.isActive).count == 2)

            // Day 93: the overlap has passed; the old credential is deactivated, signed with the new key.
            try await lab.advance(days: 2)
            let retired = try await lab.apply()
            #expect(retired.status == 0, "\(retired)")
            #expect(retired.stderr.contains("deactivated the old credential"), "\(retired)")
            credentials = try await lab.credentials(owner: accountId)
            #expect(credentials.filter(\.isActive).map(\.credentialId) == [second.signer?.credentialId])
            #expect(credentials.first { $0.credentialId == first.signer?.credentialId }?.isActive == false)
            let current = try await lab.identity(Self.entry)
            #expect(current.token == first.token, "the token is unchanged after the rotation")
            #expect(await lab.signs(as: current), "the store's current key signs")
            #expect(await lab.signs(as: first) == false, "the old key no longer signs")
            #expect(try await lab.entry(Self.entry).previous != nil, "previous is kept for retain")
            let done = try await lab.plan(["--detailed-exitcode"])
            #expect(done.status == 0, "no changes until retain elapses: \(done)")

            // Day 123: retain elapsed; the previous key leaves the store.
            try await lab.advance(days: 30)
            let dropped = try await lab.apply()
            #expect(dropped.status == 0, "\(dropped)")
            #expect(try await lab.entry(Self.entry).previous == nil)
            let steady = try await lab.plan(["--detailed-exitcode"])
            #expect(steady.status == 0, "\(steady)")
            #expect(await lab.signs(as: try await lab.identity(Self.entry)))
        }
    }

    @Test("rollback in the overlap: planned, approved, the old key current again, its rotation held until rotate")
    func rollbackDuringOverlap() async throws {
        try await RotationLab.with { lab in
            try lab.declare(RotationLab.serviceAccount(Self.name), as: Self.name)
            #expect(try await lab.apply().status == 0)
            let first = try await lab.identity(Self.entry)
            let accountId = try #require(try await lab.serviceAccounts(named: Self.name).first).userInfo.userId

            try await lab.advance(days: 90)
            #expect(try await lab.apply().status == 0)
            let second = try await lab.identity(Self.entry)
            #expect(second.signer?.credentialId != first.signer?.credentialId)
            let newer = try #require(
                try await lab.credentials(owner: accountId).first { $0.credentialId == second.signer?.credentialId })

            // Without a terminal and without --auto-approve: the plan is shown, nothing is changed.
            try await lab.advance(days: 1)
            let rollback = ["rollback", "ServiceAccount/\(Self.name)", RotationLab.manifests]
            let refused = try await lab.dfnsops(rollback)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("Refusing to apply"), "\(refused)")
            #expect(refused.stderr.contains("↺ \(Self.name)  rollback (rollback_requested)"), "\(refused)")
            #expect(
                refused.stderr.contains(
                    "effect: deactivate Credential \"dfnsops:ServiceAccount/\(Self.name)#2\" (\(newer.uuid))"),
                "\(refused)")
            #expect(try await lab.identity(Self.entry).signer?.credentialId == second.signer?.credentialId)
            #expect(try await lab.credentials(owner: accountId).filter(\.isActive).count == 2)

            let rolledBack = try await lab.dfnsops(rollback + ["--auto-approve"])
            #expect(rolledBack.status == 0, "\(rolledBack)")
            let current = try await lab.identity(Self.entry)
            #expect(current.signer?.credentialId == first.signer?.credentialId, "the old credential is current again")
            #expect(await lab.signs(as: current), "the rolled-back key signs")
            let credentials = try await lab.credentials(owner: accountId)
            #expect(
                credentials.filter(\.isActive).map(\.credentialId) == [first.signer?.credentialId], "\(credentials)")
            #expect(await lab.signs(as: second) == false, "the newer credential is deactivated")

            // A second rollback finds it done.
            let again = try await lab.dfnsops(rollback + ["--auto-approve"])
            #expect(again.status == 0, "\(again)")
            #expect(again.stderr.contains("already rolled back"), "\(again)")

            // Generation 1 is past its maxAge, but the rotation is held: the nightly run does not rotate back.
            try await lab.advance(days: 1)
            let plan = try await lab.plan(["--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            #expect(plan.stdout.contains("rotation_held: ServiceAccount/\(Self.name)"), "\(plan)")
            let json = try await lab.plan(["--format", "json"])
            #expect(json.stdout.contains("\"finding\" : \"rotation_held\""), "\(json)")
            #expect(try await PlanSchemaValidator.errors(of: [Data(json.stdout.utf8)]) == [[]], "\(json.stdout)")
            try await lab.emulator.resetRequestLedger()
            #expect(try await lab.apply().status == 0)
            #expect(try await lab.emulator.requestLedger().recent.filter(\.mutating).isEmpty, "apply changed nothing")
            #expect(try await lab.entry(Self.entry).current?.metadata.generation == 1)

            // dfnsops rotate starts one: generation 3, never reusing the rolled-back number.
            let rotated = try await lab.dfnsops(
                ["rotate", "ServiceAccount/\(Self.name)", RotationLab.manifests, "--auto-approve"])
            #expect(rotated.status == 0, "\(rotated)")
            let third = try await lab.identity(Self.entry)
            #expect(try await lab.entry(Self.entry).current?.metadata.generation == 3)
            #expect(try await lab.entry(Self.entry).current?.metadata.hold == nil, "the new generation is not held")
            #expect(await lab.signs(as: third))
            let names = try await lab.credentials(owner: accountId).filter(\.isActive).map(\.name)
            #expect(names.contains("dfnsops:ServiceAccount/\(Self.name)#3"), "\(names)")
        }
    }
}
