import Foundation

/// Dfns dates: ISO-8601 strings on the wire, with or without fractional seconds.
public enum DfnsDate {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Parses an ISO-8601 date-time such as `2026-05-01T12:00:00.123Z` or `2026-05-01T12:00:00Z`.
    /// - Returns: nil when the text is not an ISO-8601 date-time.
    public static func parse(_ text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        return try? withoutFraction.parse(text)
    }

    /// Formats a date as Dfns does: ISO-8601 in UTC with milliseconds, e.g. `2026-05-01T12:00:00.000Z`.
    public static func format(_ date: Date) -> String {
        withFraction.format(date)
    }
}
