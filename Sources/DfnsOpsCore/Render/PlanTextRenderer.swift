/// Renders a plan for a terminal or a CI log: grouped by kind, one symbol per action,
/// field changes as `old → new`, secrets only as fingerprints, and a closing summary line.
public struct PlanTextRenderer: Sendable {
    public var style: TerminalStyle

    public init(color: Bool) {
        style = TerminalStyle(enabled: color)
    }

    public func render(_ plan: Plan) -> String {
        var lines: [String] = []
        if plan.actions.isEmpty {
            lines.append("No changes. The organisation matches the manifests.")
        } else {
            lines.append("dfnsops will perform the following actions:")
            for kind in ManifestKind.allCases {
                let actions = plan.actions.filter { $0.kind == kind }
                guard !actions.isEmpty else { continue }
                lines.append("")
                lines.append(style.bold(kind.rawValue))
                for action in actions { lines += render(action) }
            }
        }
        if !plan.notes.isEmpty {
            lines.append("")
            lines.append(style.bold("Reported, not changed:"))
            for entry in plan.notes { lines.append("  " + Self.noteLine(entry)) }
        }
        lines.append("")
        lines.append(style.bold(plan.summary.line))
        return lines.joined(separator: "\n") + "\n"
    }

    func render(_ action: PlannedAction) -> [String] {
        let symbol = colored(action.type.symbol, for: action.type)
        let prefix = action.isBlocked ? style.red("!") + " " + symbol : "  " + symbol
        var head = "\(prefix) \(action.name)  \(Self.headline(action))"
        if let id = action.dfnsId { head += style.dim("  (\(id))") }
        var lines = ["  " + head]
        for change in action.changes {
            lines.append("        \(change.field): \(Self.describe(change))")
        }
        if let rotation = action.rotation, let next = Self.nextStep(rotation) {
            lines.append("        next: \(next)")
        }
        if action.type == .rollback {
            lines.append("        steps: \(action.summary)")
        }
        for effect in action.effects {
            let text = "        effect: \(effect.description)"
            lines.append(effect.removesExisting ? style.red(text) : text)
        }
        for check in action.guards where !check.passed {
            lines.append("        " + style.red("blocked by \(check.guardName.rawValue): \(check.message)"))
        }
        return lines
    }

    private func colored(_ symbol: String, for type: ActionType) -> String {
        switch type {
        case .create: style.green(symbol)
        case .update, .activate, .adopt: style.yellow(symbol)
        case .rotate, .rollback: style.cyan(symbol)
        case .deactivate, .delete: style.red(symbol)
        }
    }

    /// `create (not_found)`, `rotate: due (max_age, overdue by 2d)`, …
    static func headline(_ action: PlannedAction) -> String {
        if let rotation = action.rotation {
            var text = "\(action.type.rawValue): \(rotation.phase.rawValue)"
            var details: [String] = []
            if let trigger = rotation.trigger { details.append(trigger.rawValue) }
            if let overdue = rotation.overdueBy, overdue > 0 {
                details.append("overdue by \(PlanTime.format(duration: overdue))")
            }
            if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
            return text
        }
        return "\(action.type.rawValue) (\(action.reason.rawValue))"
    }

    static func describe(_ change: FieldChange) -> String {
        switch (change.before, change.after) {
        case (let before?, let after?): "\(before) → \(after)"
        case (nil, let after?): "\(after)"
        case (let before?, nil): "\(before) → (none)"
        case (nil, nil): "(none)"
        }
    }

    static func nextStep(_ rotation: RotationStatus) -> String? {
        guard let step = rotation.nextStep else { return nil }
        guard let at = rotation.nextStepAt else { return step }
        return "waiting: \(step) after \(PlanTime.format(at))"
    }

    static func noteLine(_ entry: PlanNote) -> String {
        var text = "\(entry.finding.rawValue): \(entry.label) — \(entry.message)"
        if let rotation = entry.rotation, let next = nextStep(rotation) { text += " (\(next))" }
        return text
    }
}
