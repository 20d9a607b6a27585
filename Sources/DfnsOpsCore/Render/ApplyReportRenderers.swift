import Foundation

/// Renders an apply report as versioned JSON (`schemas/apply-report.schema.json`).
public enum ApplyReportJSON {
    public static func render(_ report: ApplyReport) throws -> String {
        try JSONOutput.render(report)
    }
}

/// Renders an apply report for people: what did not finish, then the summary line.
public enum ApplyReportText {
    public static func render(_ report: ApplyReport) -> String {
        var lines: [String] = []
        let unfinished = report.results.filter { $0.status != .done }
        if !unfinished.isEmpty {
            lines.append("Not done:")
            for result in unfinished {
                lines.append("  \(result.status.rawValue): \(result.kind.rawValue)/\(result.name) — \(result.message)")
            }
        }
        lines.append(report.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }
}
