import DfnsOpsCore
import Foundation
import Testing

@Suite("Plan renderers")
struct PlanRendererTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func samplePlan() -> Plan {
        Plan(
            createdAt: now, liveStateFingerprint: "sha256:aaaa", manifestsDigest: "sha256:bbbb",
            actions: [
                PlannedAction(
                    id: "create:ServiceAccount/payments-signer", type: .create, kind: .serviceAccount,
                    name: "payments-signer", reason: .notFound,
                    changes: [FieldChange(field: "name", before: nil, after: .string("payments-signer"))],
                    effects: [
                        Effect(.create, .serviceAccount),
                        Effect(.delete, .serviceAccount, onlyIf: "if its token cannot be stored"),
                        Effect(.assign, .permission, id: "pm-payments", name: "Payments Initiator"),
                    ],
                    summary: "create service account payments-signer"),
                PlannedAction(
                    id: "rotate:ServiceAccount/ledger-reader", type: .rotate, kind: .serviceAccount,
                    name: "ledger-reader", dfnsId: "us-aaaaa-bbbbb-cccccccccccccccc", reason: .rotationMaxAge,
                    effects: [Effect(.create, .credential, name: "dfnsops:ServiceAccount/ledger-reader#4")],
                    rotation: RotationStatus(
                        phase: .due, currentGeneration: 3, nextGeneration: 4, trigger: .maxAge,
                        nextStep: "stage generation 4", overdueBy: 2 * 86_400),
                    summary: "rotate ledger-reader"),
                PlannedAction(
                    id: "deactivate:ServiceAccount/old-bot", type: .deactivate, kind: .serviceAccount, name: "old-bot",
                    dfnsId: "us-ddddd-eeeee-ffffffffffffffff", reason: .declaredInactive,
                    effects: [Effect(.deactivate, .serviceAccount, id: "us-ddddd-eeeee-ffffffffffffffff")],
                    guards: [GuardCheck(.protected, passed: false, message: "the manifest sets protect: true")],
                    summary: "deactivate old-bot"),
                PlannedAction(
                    id: "update:Webhook/treasury", type: .update, kind: .webhook, name: "treasury",
                    dfnsId: "wh-11111-22222-3333333333333333", reason: .fieldsChanged,
                    changes: [
                        FieldChange(
                            field: "events", before: .list(["wallet.created"]),
                            after: .list(["wallet.created", "wallet.transfer.confirmed"]))
                    ], effects: [Effect(.update, .webhook, id: "wh-11111-22222-3333333333333333")],
                    summary: "update treasury"),
            ],
            notes: [
                PlanNote(
                    finding: .unmanaged, kind: .serviceAccount, dfnsId: "us-zzzzz-zzzzz-zzzzzzzzzzzzzzzz",
                    message: "no manifest owns or adopts it"),
                PlanNote(
                    finding: .rotationWaiting, kind: .serviceAccount, name: "api-gateway", message: "rotation overlap",
                    rotation: RotationStatus(
                        phase: .overlap, currentGeneration: 4, nextStep: "retire generation 3",
                        nextStepAt: Date(timeIntervalSince1970: 1_796_349_600))),
            ])
    }

    @Test("the text plan groups by kind, shows old → new, guards, waiting steps and the summary line")
    func textPlan() {
        let text = PlanTextRenderer(color: false).render(Self.samplePlan())
        let expected = """
            dfnsops will perform the following actions:

            ServiceAccount
                + payments-signer  create (not_found)
                    name: "payments-signer"
                    effect: create ServiceAccount (new)
                    effect: delete ServiceAccount (new) — only if its token cannot be stored
                    effect: assign Permission "Payments Initiator" (pm-payments) to the new principal
                ↻ ledger-reader  rotate: due (max_age, overdue by 2d)  (us-aaaaa-bbbbb-cccccccccccccccc)
                    next: stage generation 4
                    effect: create Credential "dfnsops:ServiceAccount/ledger-reader#4" (new)
              ! - old-bot  deactivate (declared_inactive)  (us-ddddd-eeeee-ffffffffffffffff)
                    effect: deactivate ServiceAccount (us-ddddd-eeeee-ffffffffffffffff)
                    blocked by protected: the manifest sets protect: true

            Webhook
                ~ treasury  update (fields_changed)  (wh-11111-22222-3333333333333333)
                    events: ["wallet.created"] → ["wallet.created", "wallet.transfer.confirmed"]
                    effect: update Webhook (wh-11111-22222-3333333333333333)

            Reported, not changed:
              unmanaged: ServiceAccount us-zzzzz-zzzzz-zzzzzzzzzzzzzzzz — no manifest owns or adopts it
              rotation_waiting: ServiceAccount/api-gateway — rotation overlap (waiting: retire generation 3 after 2026-12-04 02:00 UTC)

            Plan: 1 to create, 1 to update, 1 to rotate, 1 to deactivate. 1 blocked by guards.

            """
        #expect(text == expected)
        #expect(!text.contains("\u{1B}["))
    }

    @Test("colour codes appear only when asked for")
    func colour() {
        #expect(PlanTextRenderer(color: true).render(Self.samplePlan()).contains("\u{1B}[32m+"))
    }

    @Test("an empty plan says there is nothing to do")
    func emptyPlan() {
        let plan = Plan(createdAt: Self.now, liveStateFingerprint: "a", manifestsDigest: "b", actions: [], notes: [])
        let text = PlanTextRenderer(color: false).render(plan)
        #expect(text.hasPrefix("No changes."))
        #expect(text.hasSuffix("Plan: 0 to create, 0 to update, 0 to rotate, 0 to deactivate.\n"))
    }

    @Test("the Markdown plan has the marker, the table, a banner only for unblocked destructive actions, and details")
    func markdownPlan() {
        let markdown = PlanMarkdownRenderer().render(Self.samplePlan())
        #expect(markdown.hasPrefix(PlanMarkdownRenderer.marker + "\n### dfnsops plan: 1 to create"))
        #expect(markdown.contains("| + | ServiceAccount | `payments-signer` | create | not_found |"))
        #expect(markdown.contains("| ! | ServiceAccount | `old-bot` | deactivate |"))
        #expect(!markdown.contains("[!WARNING]"), "the only deactivation is blocked, so nothing will be deactivated")
        #expect(markdown.contains("[!CAUTION]"))
        #expect(markdown.contains("<details><summary>Details</summary>"))
        #expect(!markdown.contains("Truncated"))

        var plan = Self.samplePlan()
        plan.actions[2].guards = []
        #expect(
            PlanMarkdownRenderer().render(plan).contains(
                "> This plan deactivates or deletes 1 object:\n"
                    + "> - `ServiceAccount/old-bot`: deactivate ServiceAccount (us-ddddd-eeeee-ffffffffffffffff)"))
    }

    @Test("a plan of 5,000 changes stays within 65,000 characters and says it was truncated")
    func markdownBudget() {
        let actions = (0..<5_000).map { index in
            PlannedAction(
                id: "update:Webhook/hook-\(index)", type: .update, kind: .webhook, name: "hook-\(index)",
                reason: .fieldsChanged,
                changes: [
                    FieldChange(
                        field: "url", before: .string("https://a.example/\(index)"),
                        after: .string("https://b.example/\(index)"))
                ],
                summary: "update hook-\(index)")
        }
        let plan = Plan(
            createdAt: Self.now, liveStateFingerprint: "a", manifestsDigest: "b", actions: actions, notes: [])
        let markdown = PlanMarkdownRenderer().render(plan)
        #expect(markdown.count <= 65_000)
        #expect(markdown.contains("**Truncated:**"))
        #expect(markdown.contains("dfnsops plan --out plan.json"))
        #expect(markdown.hasPrefix(PlanMarkdownRenderer.marker))
        #expect(markdown.contains("5000 to update"))
    }

    @Test("the JSON plan round-trips and carries the summary counts")
    func jsonRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(Self.samplePlan())
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Plan.self, from: data) == Self.samplePlan())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["create": 1, "update": 1, "rotate": 1, "deactivate": 1, "blocked": 1])
    }
}
