import Foundation

/// Renders a drift report for a terminal or CI log, grouped by bucket.
public struct DriftTextRenderer: Sendable {
    public var style: TerminalStyle

    public init(color: Bool) {
        style = TerminalStyle(enabled: color)
    }

    public func render(_ report: DriftReport, failingOn buckets: Set<DriftBucket>) -> String {
        var lines: [String] = []
        if report.findings.isEmpty {
            lines.append("In sync: the organisation matches the manifests.")
        }
        for bucket in DriftBucket.allCases {
            let findings = report.findings.filter { $0.bucket == bucket }
            guard !findings.isEmpty else { continue }
            let label = "\(bucket.rawValue) (\(findings.count))" + (buckets.contains(bucket) ? "" : " — reported only")
            lines.append(style.bold(label))
            for finding in findings {
                let at = finding.location.map { "  [\($0)]" } ?? ""
                lines.append("  \(finding.address): \(finding.message)" + style.dim(at))
            }
            lines.append("")
        }
        for rule in report.expiredIgnoreRules {
            lines.append(style.yellow("warning: \(rule.message)") + (rule.location.map { " [\($0)]" } ?? ""))
        }
        if !report.ignored.isEmpty {
            lines.append(
                style.dim(
                    "\(report.ignored.count) finding\(report.ignored.count == 1 ? "" : "s") ignored by Settings rules.")
            )
        }
        for note in report.notSeen {
            lines.append(style.dim("not seen: \(note)"))
        }
        lines.append(DriftSummaryLine.text(report))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `Drift: 3 findings (1 missing, 2 unmanaged), 1 ignored.`
enum DriftSummaryLine {
    static func text(_ report: DriftReport) -> String {
        let counts = report.counts
        let parts = DriftBucket.allCases.compactMap { bucket in
            (counts[bucket] ?? 0) > 0 ? "\(counts[bucket] ?? 0) \(bucket.rawValue)" : nil
        }
        let total = report.findings.count
        var text = "Drift: \(total) finding\(total == 1 ? "" : "s")"
        if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
        if !report.ignored.isEmpty { text += ", \(report.ignored.count) ignored" }
        return text + "."
    }
}

/// Renders a drift report as Markdown for a scheduled issue or a chat message.
public enum DriftMarkdownRenderer {
    public static func render(_ report: DriftReport, failingOn buckets: Set<DriftBucket>) -> String {
        var lines = [
            "<!-- dfnsops:drift -->", "### dfnsops drift: " + DriftSummaryLine.text(report).dropFirst("Drift: ".count),
            "",
        ]
        if report.findings.isEmpty {
            lines += ["The organisation matches the manifests.", ""]
        } else {
            lines += ["| bucket | findings | fails the check |", "|---|---|---|"]
            let counts = report.counts
            for bucket in DriftBucket.allCases where (counts[bucket] ?? 0) > 0 {
                lines.append(
                    "| \(bucket.rawValue) | \(counts[bucket] ?? 0) | \(buckets.contains(bucket) ? "yes" : "no") |")
            }
            lines.append("")
        }
        for bucket in DriftBucket.allCases {
            let findings = report.findings.filter { $0.bucket == bucket }
            guard !findings.isEmpty else { continue }
            lines += ["#### \(bucket.rawValue)", "", "| object | finding | manifest |", "|---|---|---|"]
            for finding in findings {
                lines.append(
                    "| `\(escape(finding.address))` | \(escape(finding.message)) | "
                        + "\(finding.location.map { "`\($0.file):\($0.line)`" } ?? "") |")
            }
            lines.append("")
        }
        for rule in report.expiredIgnoreRules {
            lines += ["> [!WARNING]", "> \(escape(rule.message))", ""]
        }
        if !report.ignored.isEmpty {
            lines += ["<details><summary>Ignored by Settings rules (\(report.ignored.count))</summary>", ""]
            for item in report.ignored {
                lines.append(
                    "- `\(escape(item.finding.address))` (\(item.finding.bucket.rawValue)): \(escape(item.reason))")
            }
            lines += ["", "</details>", ""]
        }
        if !report.notSeen.isEmpty {
            lines += ["<details><summary>Not visible to dfnsops</summary>", ""]
            lines += report.notSeen.map { "- \(escape($0))" }
            lines += ["", "</details>", ""]
        }
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }
}

/// Renders a drift report as versioned JSON (`schemas/drift.schema.json`).
public enum DriftJSONRenderer {
    public static func render(_ report: DriftReport) throws -> String {
        try JSONOutput.render(report)
    }
}
