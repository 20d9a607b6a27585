import Foundation
import TestSupport
import Testing

/// `dfnsops apply` against a real `dfns-emulator` over HTTP, from an empty organisation (issue 7, "Must show").
@Suite("dfnsops apply, end to end")
struct ApplyEndToEndTests {
    @Test(
        "from an empty organisation apply creates everything; plan then shows no changes; a second apply mutates nothing"
    )
    func applyThenPlanThenApplyAgain() async throws {
        try await ApplyOrganisation.with { organisation in
            let first = try await organisation.apply()
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("Apply: 7 done, 0 pending approval, 0 failed, 0 blocked, 0 skipped."))
            #expect(try await ApplyFinalState.problems(in: organisation) == [])

            let plan = try await organisation.plan()
            #expect(plan.status == 0, "plan after apply should show no changes: \(plan)")
            #expect(plan.stdout.contains("Plan: 0 to create, 0 to update, 0 to rotate, 0 to deactivate."), "\(plan)")

            try await organisation.emulator.resetRequestLedger()
            let second = try await organisation.apply()
            #expect(second.status == 0, "\(second)")
            #expect(second.stderr.contains("No changes."), "\(second)")
            let ledger = try await organisation.emulator.requestLedger()
            #expect(ledger.total > 0, "the second apply should have observed the organisation")
            #expect(
                ledger.mutating == 0,
                "the second apply sent mutating requests: \(ledger.recent.filter(\.mutating))")
            #expect(ledger.mutationsApplied == 0)
            #expect(try await ApplyFinalState.problems(in: organisation) == [])
        }
    }

    @Test("without a terminal and without --auto-approve, a fresh plan is refused with exit 1 and nothing is sent")
    func freshPlanWithoutTerminalIsRefused() async throws {
        try await ApplyOrganisation.with { organisation in
            try await organisation.emulator.resetRequestLedger()
            let result = try await organisation.dfnsops(["apply", ApplyOrganisation.manifests])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("standard input is not a terminal"), "\(result)")
            #expect(result.stderr.contains("--auto-approve"), "\(result)")
            #expect(result.stderr.contains("Plan: 7 to create"), "the refusal should show the plan it did not apply")
            let ledger = try await organisation.emulator.requestLedger()
            #expect(ledger.mutating == 0, "\(ledger.recent.filter(\.mutating))")
            #expect(try await ApplyFinalState.liveObjects(organisation.emulator).isEmpty)
        }
    }

    @Test("no token, private key or webhook secret appears in apply's output or report")
    func noSecretInOutput() async throws {
        try await ApplyOrganisation.with { organisation in
            // Half the objects in one run (text), the rest after a forced failure and a retry (JSON report).
            try await organisation.emulator.addFault(
                .init(method: "POST", path: "/webhooks", action: "commit-then-drop", nth: 1))
            let text = try await organisation.apply(["--parallelism", "2"])
            #expect(text.status == 1, "the dropped webhook create should fail the first run: \(text)")
            try await organisation.emulator.removeAllFaults()
            let json = try await organisation.apply(["--format", "json"])
            #expect(json.status == 0, "\(json)")
            #expect(try await ApplyFinalState.problems(in: organisation) == [])

            let secrets = try await organisation.secretValues()
            // 5 keys (several PEM lines each) and 5 tokens, 2 webhook secrets, the operator's token and key.
            #expect(secrets.count > 20)
            for (name, output) in [
                ("text stdout", text.stdout), ("text stderr", text.stderr), ("report", json.stdout),
                ("json stderr", json.stderr),
            ] {
                #expect(SecretSearch.leaks(of: secrets, in: output).isEmpty, "a secret leaked into the \(name)")
            }
            #expect(json.stdout.contains("sha256:"), "the report should carry fingerprints: \(json.stdout)")
        }
    }
}
