import Foundation

/// Renders a plan as one pull-request comment: a fixed marker so CI can update the comment in place,
/// a summary table, a warning banner when anything is deactivated or deleted, details collapsed,
/// and a hard size budget with a visible truncation marker that points at the JSON plan.
public struct PlanMarkdownRenderer: Sendable {
    /// The HTML comment that identifies a dfnsops plan comment.
    public static let marker = "<!-- dfnsops:plan -->"
    /// GitHub refuses comments over 65,536 characters; stay under it with room for CI's own text.
    public static let defaultBudget = 65_000

    public var budget: Int

    public init(budget: Int = PlanMarkdownRenderer.defaultBudget) {
        self.budget = budget
    }

    public func render(_ plan: Plan) -> String {
        let summary = plan.summary
        var head: [String] = [
            Self.marker, "### dfnsops plan: " + summary.line.dropFirst("Plan: ".count).dropLast(), "",
        ]
        let removals = plan.actions.filter { !$0.isBlocked }.flatMap { action in
            action.effects.filter(\.removesExisting).map { (action.address, $0) }
        }
        if !removals.isEmpty {
            head += [
                "> [!WARNING]",
                "> This plan deactivates or deletes \(removals.count) object\(removals.count == 1 ? "" : "s"):",
            ]
            head += removals.map { "> - `\($0.0)`: \(Self.escape($0.1.description))" }
            head.append("")
        }
        if summary.blocked > 0 {
            head += [
                "> [!CAUTION]",
                "> \(summary.blocked) action\(summary.blocked == 1 ? " is" : "s are") blocked by safety guards.", "",
            ]
        }
        if plan.actions.isEmpty {
            head += ["No changes. The organisation matches the manifests.", ""]
        }

        let truncationNote = { (omitted: Int) in
            "\n> [!NOTE]\n> **Truncated:** \(omitted) more line\(omitted == 1 ? "" : "s") not shown to stay within "
                + "GitHub's comment limit. The full plan is in the JSON plan (`dfnsops plan --out plan.json`).\n"
        }
        var body: [String] = []
        if !plan.actions.isEmpty {
            body += ["| | kind | name | action | reason |", "|---|---|---|---|---|"]
            for action in plan.actions {
                let symbol = action.isBlocked ? "!" : action.type.symbol
                body.append(
                    "| \(symbol) | \(action.kind.rawValue) | `\(Self.escape(action.name))` | \(action.type.rawValue) | "
                        + "\(Self.escape(Self.reason(action))) |")
            }
            body.append("")
            body.append("<details><summary>Details</summary>")
            body.append("")
            body.append("```")
            for action in plan.actions {
                body += PlanTextRenderer(color: false).render(action)
            }
            body.append("```")
            body.append("</details>")
        }
        if !plan.notes.isEmpty {
            body.append("")
            body.append("<details><summary>Reported, not changed (\(plan.notes.count))</summary>")
            body.append("")
            for entry in plan.notes { body.append("- " + Self.escape(PlanTextRenderer.noteLine(entry))) }
            body.append("")
            body.append("</details>")
        }

        let headText = head.joined(separator: "\n") + "\n"
        var remaining = budget - headText.count - truncationNote(999_999).count - 16
        var kept: [String] = []
        var omitted = 0
        var openFence = false
        var openDetails = 0
        for line in body {
            if omitted > 0 || line.count + 1 > remaining {
                omitted += 1
                continue
            }
            kept.append(line)
            remaining -= line.count + 1
            if line == "```" { openFence.toggle() }
            if line.hasPrefix("<details>") { openDetails += 1 }
            if line == "</details>" { openDetails -= 1 }
        }
        var text = headText + kept.joined(separator: "\n")
        if omitted > 0 {
            if openFence { text += "\n```" }
            if openDetails > 0 { text += String(repeating: "\n</details>", count: openDetails) }
            text += "\n" + truncationNote(omitted)
        } else {
            text += "\n"
        }
        return text
    }

    /// The reason column: the reason code, or for a rotation its phase and trigger.
    static func reason(_ action: PlannedAction) -> String {
        guard action.rotation != nil else { return action.reason.rawValue }
        return PlanTextRenderer.headline(action).replacingOccurrences(of: "\(action.type.rawValue): ", with: "")
    }

    /// Escapes characters that would break a table cell or start Markdown formatting.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }
}
