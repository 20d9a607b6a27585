import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 13, items 5 and 6: `dfnsops rollback` is a planned action. After retire a rekey rollback reactivates the
/// old credential (the guide's Activate Credential); a deleted credential cannot return, and the plan says so
/// before anything changes; guards refuse it; its JSON report follows the apply report's schema.
@Suite("rotation: rollback is a planned action")
struct RotationRollbackTests {
    static let name = "payments-signer"
    static let entry = "accounts/payments-signer"
    static let rollback = ["rollback", "ServiceAccount/\(name)", RotationLab.manifests]

    /// Day 0 create, day 90 rotate, day 93 retire (the old credential deactivated, or deleted when `retireFault`
    /// refuses the deactivation); returns the service account's id and both identities.
    static func retired(_ lab: RotationLab, retireFault: Bool = false) async throws
        -> (accountId: String, first: DfnsIdentity, second: DfnsIdentity)
    {
        try lab.declare(RotationLab.serviceAccount(name), as: name)
        #expect(try await lab.apply().status == 0)
        let first = try await lab.identity(entry)
        let accountId = try #require(try await lab.serviceAccounts(named: name).first).userInfo.userId
        try await lab.advance(days: 90)
        #expect(try await lab.apply().status == 0)
        let second = try await lab.identity(entry)
        try await lab.advance(days: 3)
        if retireFault {
            // As where Dfns refuses /auth/credentials to service accounts: retire deletes the old credential.
            try await lab.emulator.addFault(
                .init(method: "PUT", path: "/auth/credentials/deactivate", action: "fail", nth: 1, status: 403))
        }
        let retire = try await lab.apply()
        #expect(retire.status == 0, "\(retire)")
        try await lab.emulator.removeAllFaults()
        #expect(await lab.signs(as: first) == false, "generation 1 is retired")
        return (accountId, first, second)
    }

    @Test("after retire, rollback reactivates the old credential (Activate Credential); its JSON report is valid")
    func rollbackAfterRetire() async throws {
        try await RotationLab.with { lab in
            let (accountId, first, second) = try await Self.retired(lab)
            let credentials = try await lab.credentials(owner: accountId)
            let old = try #require(credentials.first { $0.credentialId == first.signer?.credentialId })
            let newer = try #require(credentials.first { $0.credentialId == second.signer?.credentialId })
            #expect(!old.isActive && newer.isActive)

            let run = try await lab.dfnsops(Self.rollback + ["--auto-approve", "--format", "json"])
            #expect(run.status == 0, "\(run)")
            let lines = run.stderr.split(separator: "\n")
            for (effect, uuid) in [
                ("effect: activate Credential", old.uuid), ("effect: deactivate Credential", newer.uuid),
            ] {
                #expect(lines.contains { $0.contains(effect) && $0.contains("(\(uuid))") }, "\(effect) \(uuid): \(run)")
            }
            #expect(
                run.stderr.contains("deactivate Credential \"dfnsops:ServiceAccount/\(Self.name)#2\" (\(newer.uuid))"),
                "\(run)")
            #expect(try await ApplyReportSchemaTests.errors(of: [run.stdout]) == [[]], "\(run.stdout)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let results = report["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["type"] as? String } == ["rollback"], "\(results)")
            #expect(results.map { $0["status"] as? String } == ["done"], "\(results)")

            let after = try await lab.credentials(owner: accountId)
            #expect(after.filter(\.isActive).map(\.credentialId) == [first.signer?.credentialId], "\(after)")
            let current = try await lab.identity(Self.entry)
            #expect(current.signer?.credentialId == first.signer?.credentialId)
            #expect(await lab.signs(as: current), "the reactivated key signs")
            #expect(try await lab.plan(["--detailed-exitcode"]).status == 0, "no rotation starts straight back")
        }
    }

    @Test("where retire deleted the old credential, the plan says rollback is impossible and nothing is sent")
    func impossibleAfterDeletion() async throws {
        try await RotationLab.with { lab in
            let (accountId, first, second) = try await Self.retired(lab, retireFault: true)
            let before = try await lab.credentials(owner: accountId)
            #expect(!before.contains { $0.credentialId == first.signer?.credentialId }, "deleted: \(before)")

            try await lab.emulator.resetRequestLedger()
            let run = try await lab.dfnsops(Self.rollback + ["--auto-approve", "--format", "json"])
            #expect(run.status == 3, "\(run)")
            #expect(run.stderr.contains("blocked by rollback_possible"), "\(run)")
            #expect(try await ApplyReportSchemaTests.errors(of: [run.stdout]) == [[]], "\(run.stdout)")
            #expect(run.stdout.contains("\"status\" : \"blocked\""), "\(run.stdout)")
            #expect(run.stderr.contains("a deleted credential cannot be reactivated"), "\(run)")
            #expect(try await lab.emulator.requestLedger().recent.filter(\.mutating).isEmpty, "nothing was sent")
            #expect(try await lab.identity(Self.entry).signer?.credentialId == second.signer?.credentialId)
            #expect(try await lab.entry(Self.entry).previous != nil, "the store did not move")
            #expect(try await lab.credentials(owner: accountId).map(\.isActive) == before.map(\.isActive))
        }
    }

    @Test("protect: true and the operator's own principal refuse rollback with exit 3, before anything changes")
    func guards() async throws {
        try await RotationLab.with { lab in
            let operatorName = RotationGuardTests.operatorName
            try lab.declare(
                RotationLab.serviceAccount(
                    operatorName, permissions: ["DfnsOps Reconciler"], extra: ["operator: true"]),
                as: operatorName)
            try lab.declare(RotationLab.serviceAccount("vault", extra: ["protect: true"]), as: "vault")
            #expect(try await lab.apply().status == 0)
            try await lab.advance(days: 90)
            #expect(try await lab.apply().status == 0, "both rotate")
            for (name, guardName) in [("vault", "protected"), (operatorName, "operator_credential")] {
                let generation = try await lab.entry("accounts/\(name)").current?.metadata.generation
                #expect(generation == 2)
                let run = try await lab.dfnsops(["rollback", "ServiceAccount/\(name)", RotationLab.manifests])
                #expect(run.status == 3, "\(run)")
                #expect(run.stderr.contains("blocked by \(guardName)"), "\(run)")
                #expect(try await lab.entry("accounts/\(name)").current?.metadata.generation == 2, "\(name)")
            }
        }
    }
}
