import Foundation
import TestSupport
import Testing

/// The README's "run" command: in a fresh directory, with no Dfns variables and no configuration,
/// `dfnsops plan --sandbox manifests/examples` prints a plan and exits 0; a second run reuses the organisation
/// and stores kept in `.dfnsops/sandbox/`.
@Suite("dfnsops plan --sandbox")
struct SandboxPlanTests {
    @Test("plan --sandbox manifests/examples works in a fresh directory and reuses its sandbox on the next run")
    func sandboxPlan() async throws {
        let workspace = try PlanWorkspace(
            manifests: [(MixedOrganisation.examples, "manifests/examples")], emulator: nil)
        #expect(workspace.environment.keys.allSatisfy { !$0.hasPrefix("DFNS_") })
        let sandbox = workspace.directory.file(".dfnsops/sandbox")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path))

        let first = try await workspace.dfnsops(["plan", "--sandbox", "manifests/examples"])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.hasPrefix("dfnsops will perform the following actions:"))
        #expect(first.stdoutText.contains("Plan: 7 to create, 0 to update, 0 to rotate, 0 to deactivate."))
        let state = sandbox.appendingPathComponent("emulator-state.json")
        let stateAfterFirst = try Data(contentsOf: state)
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o700, "the sandbox holds the operator's key: only its owner may enter")
        #expect(FileManager.default.fileExists(atPath: sandbox.appendingPathComponent("stores/local").path))

        let second = try await workspace.dfnsops(["plan", "--sandbox", "manifests/examples", "--format", "json"])
        #expect(second.status == 0, "\(second.stderrText)")
        let third = try await workspace.dfnsops(["plan", "--sandbox", "manifests/examples", "--format", "json"])
        #expect(third.status == 0, "\(third.stderrText)")
        // The same organisation: same operator and objects (a new bootstrap would make new ids and keys).
        let operators = try Self.operators(in: stateAfterFirst)
        #expect(operators.count == 1)
        #expect(try Self.operators(in: Data(contentsOf: state)) == operators)
        let secondPlan = try JSONDecoder().decode(PlanShape.self, from: second.stdout)
        let thirdPlan = try JSONDecoder().decode(PlanShape.self, from: third.stdout)
        #expect(secondPlan.liveStateFingerprint == thirdPlan.liveStateFingerprint)
        #expect(secondPlan.actions.count == 7)
    }

    /// The operator ids and credential ids recorded in a sandbox state file.
    static func operators(in state: Data) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: state) as? [String: Any]
        let operators = object?["operators"] as? [[String: Any]] ?? []
        return operators.map { "\($0["orgId"] ?? "") \($0["credentialId"] ?? "")" }
    }
}
