import Foundation

/// Renders the `dfnsops secrets list` table: one row per staged version with its entry, stage, version,
/// fingerprint and age. It takes metadata only, so it cannot show a value.
///
/// ```
/// ENTRY                             STAGE     VERSION  FINGERPRINT              AGE
/// service-accounts/payments-signer  current   8        sha256:5d1f0c2e9a7b3c41  3d 4h
/// service-accounts/payments-signer  previous  7        sha256:0b9e44d1c2a7f310  94d 2h
/// webhooks/orders                   (empty)
/// ```
public enum SecretListing {
    /// The column titles, in order.
    public static let headers = ["ENTRY", "STAGE", "VERSION", "FINGERPRINT", "AGE"]

    /// Renders a table of entries.
    ///
    /// - Parameters:
    ///   - entries: The entries to show, in the order given (stores list them sorted by path).
    ///   - now: The time ages are measured from.
    /// - Returns: The table, one line per row, ending with a newline; `no secret-store entries` when empty.
    public static func render(_ entries: [EntryMetadata], now: Date) -> String {
        guard !entries.isEmpty else { return "no secret-store entries\n" }
        var rows: [[String]] = [headers]
        for entry in entries {
            let staged = entry.stagedVersions
            if staged.isEmpty { rows.append([entry.entry.rawValue, "(empty)"]) }
            for (stage, version) in staged {
                rows.append([
                    entry.entry.rawValue,
                    stage.rawValue,
                    String(version.version),
                    version.fingerprint,
                    formatAge(from: version.createdAt, to: now),
                ])
            }
        }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// Formats the time between two dates in its two largest units: `45s`, `12m`, `3h 5m`, `2d 4h`.
    ///
    /// - Parameters:
    ///   - start: The earlier date (a version's creation time).
    ///   - end: The later date (now). A start after the end counts as `0s`.
    /// - Returns: The age.
    public static func formatAge(from start: Date, to end: Date) -> String {
        let seconds = max(0, Int(end.timeIntervalSince(start).rounded(.down)))
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3_600
        let minutes = seconds % 3_600 / 60
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(seconds)s"
    }
}
