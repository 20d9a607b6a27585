import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import TestSupport
import Testing

/// Issue 8, "Must show" 6 and the staggering rule: dfnsops running as a managed service account marked
/// `operator: true` rotates its own key safely; `protect: true` blocks deactivation; `--max-rotations` starts the
/// most overdue rotations first.
@Suite("rotation: guards (operator self-rotation, protect, max-rotations)")
struct RotationGuardTests {
    static let operatorName = "dfnsops-operator"
    static let operatorEntry = "accounts/dfnsops-operator"

    /// The user actions the emulator recorded, oldest last: method, path, signing credential, user.
    static func userActions(_ lab: RotationLab) async throws -> [(method: String, path: String, credentialId: String)] {
        let tokens = try await lab.emulator.stateDump()["userActionTokens"] as? [[String: Any]] ?? []
        return tokens.map {
            ($0["method"] as? String ?? "", $0["path"] as? String ?? "", $0["credentialId"] as? String ?? "")
        }
    }

    @Test(
        "running as the operator service account: its new key is stored and verified first, and signs the rest of the run"
    )
    func operatorSelfRotation() async throws {
        try await RotationLab.with { lab in
            try lab.declare(
                RotationLab.serviceAccount(
                    Self.operatorName, permissions: ["DfnsOps Reconciler"], maxAge: "30d", overlap: "1d",
                    extra: ["operator: true", "protect: true"]),
                as: Self.operatorName)
            #expect(try await lab.apply().status == 0, "the bootstrap operator creates the operator account")

            // From now on dfnsops runs as that service account, with the key and token the store holds.
            let first = try await lab.identity(Self.operatorEntry)
            let accountId = try #require(try await lab.serviceAccounts(named: Self.operatorName).first).userInfo.userId
            let firstSigner = try #require(first.signer)
            try lab.write(firstSigner.privateKey.pkcs8PEM, to: "operator-key.pem")
            let asOperator = [
                "DFNS_AUTH_TOKEN": first.token, "DFNS_CRED_ID": firstSigner.credentialId,
                "DFNS_PRIVATE_KEY": lab.directory.file("operator-key.pem").path,
            ]
            let quiet = try await lab.plan(["--detailed-exitcode"], environment: asOperator)
            #expect(quiet.status == 0, "\(quiet)")

            // Day 30: its own rotation is due, and another account is to be created in the same run.
            try await lab.advance(days: 30)
            try lab.declare(RotationLab.webhook("audit", url: "https://hooks.example.com/audit"), as: "audit")
            let plan = try await lab.plan([], environment: asOperator)
            let rotateLine = try #require(plan.stdout.range(of: "dfnsops-operator  rotate"))
            let createLine = try #require(plan.stdout.range(of: "audit  create"))
            #expect(rotateLine.lowerBound < createLine.lowerBound, "the operator's rotation goes first: \(plan)")
            let run = try await lab.apply([], environment: asOperator)
            #expect(run.status == 0, "\(run)")
            let second = try await lab.identity(Self.operatorEntry)
            #expect(second.signer?.credentialId != first.signer?.credentialId)
            #expect(second.token == first.token)
            let credentials = try await lab.credentials(owner: accountId)
            #expect(credentials.filter(\.isActive).count == 2, "the old key stays active for the overlap")
            // The create that followed the rotation in the same run was signed with the new key.
            let creates = try await Self.userActions(lab).filter { $0.method == "POST" && $0.path == "/webhooks" }
            #expect(creates.map(\.credentialId) == [second.signer?.credentialId], "\(creates)")
            #expect(try await lab.webhooks(named: "audit").count == 1)

            // Day 31: retire. dfnsops still starts with the old key in its environment: the store's current key
            // (same token) wins, so the old credential is deactivated signed with the new one.
            try await lab.advance(days: 1)
            let retired = try await lab.apply([], environment: asOperator)
            #expect(retired.status == 0, "\(retired)")
            let after = try await lab.credentials(owner: accountId)
            #expect(after.filter(\.isActive).map(\.credentialId) == [second.signer?.credentialId], "\(after)")
            let deactivations = try await Self.userActions(lab).filter { $0.path == "/auth/credentials/deactivate" }
            #expect(deactivations.map(\.credentialId) == [second.signer?.credentialId])
            #expect(await lab.signs(as: first) == false)
            #expect(try await lab.plan(["--detailed-exitcode"], environment: asOperator).status == 0)
        }
    }

    @Test("the operator's own account is never deactivated, and protect: true blocks deactivation with exit 3")
    func operatorAndProtectGuards() async throws {
        try await RotationLab.with { lab in
            try lab.declare(
                RotationLab.serviceAccount(
                    Self.operatorName, permissions: ["DfnsOps Reconciler"], extra: ["operator: true"]),
                as: Self.operatorName)
            try lab.declare(RotationLab.serviceAccount("vault", extra: ["protect: true"]), as: "vault")
            #expect(try await lab.apply().status == 0)

            try lab.declare(
                RotationLab.serviceAccount(
                    Self.operatorName, permissions: ["DfnsOps Reconciler"], extra: ["operator: true", "active: false"]),
                as: Self.operatorName)
            try lab.declare(
                RotationLab.serviceAccount("vault", extra: ["protect: true", "active: false"]), as: "vault")
            let plan = try await lab.plan()
            #expect(plan.stdout.contains("blocked by operator_credential"), "\(plan)")
            #expect(plan.stdout.contains("blocked by protected: the manifest sets protect: true"), "\(plan)")
            let apply = try await lab.apply()
            #expect(apply.status == 3, "\(apply)")
            for name in [Self.operatorName, "vault"] {
                #expect(try await lab.serviceAccounts(named: name).first?.userInfo.isActive == true, "\(name)")
            }
        }
    }

    @Test("--max-rotations: the most overdue rotations start first, and the plan says which wait")
    func staggering() async throws {
        try await RotationLab.with { lab in
            // Created a day apart, oldest first, in an order that is not alphabetical.
            for name in ["zeta", "alpha", "mid"] {
                try lab.declare(RotationLab.serviceAccount(name), as: name)
                #expect(try await lab.apply().status == 0)
                try await lab.advance(days: 1)
            }
            try await lab.advance(days: 92)  // all three past 90 days: zeta by 5, alpha by 4, mid by 3
            let plan = try await lab.plan(["--max-rotations", "2"])
            #expect(plan.stdout.contains("blocked by max_rotations"), "\(plan)")
            let json = try await lab.planJSON(["--max-rotations", "2"])
            let actions = json["actions"] as? [[String: Any]] ?? []
            let waiting = actions.filter { action in
                (action["guards"] as? [[String: Any]] ?? []).contains {
                    $0["guard"] as? String == "max_rotations" && $0["passed"] as? Bool == false
                }
            }
            #expect(waiting.compactMap { $0["name"] as? String } == ["mid"], "\(actions)")

            let apply = try await lab.apply(["--max-rotations", "2"])
            #expect(apply.status == 3, "a rotation waited: \(apply)")
            for (name, generation) in [("zeta", 2), ("alpha", 2), ("mid", 1)] {
                #expect(try await lab.entry("accounts/\(name)").current?.metadata.generation == generation, "\(name)")
            }
            // The next night the waiting one starts.
            try await lab.advance(days: 1)
            #expect(try await lab.apply(["--max-rotations", "2"]).status == 0)
            #expect(try await lab.entry("accounts/mid").current?.metadata.generation == 2)
        }
    }
}
