import Foundation

/// Formats times and durations the same way in every rendered plan and report.
public enum PlanTime {
    /// `2026-12-04 02:00 UTC`: always UTC, independent of the machine's locale and zone.
    public static func format(_ date: Date) -> String {
        let components = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC") ?? .current, from: date)
        let year = components.year ?? 0
        let month = components.month ?? 0
        let day = components.day ?? 0
        let hour = components.hour ?? 0
        let minute = components.minute ?? 0
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", year, month, day, hour, minute)
    }

    /// `3d 4h`, `5h 10m`, `45m`, `under 1m`: the two largest units.
    public static func format(duration seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.down))
        guard total >= 60 else { return "under 1m" }
        let units = [("d", 86_400), ("h", 3_600), ("m", 60)]
        var parts: [String] = []
        var rest = total
        for (suffix, size) in units where rest >= size {
            parts.append("\(rest / size)\(suffix)")
            rest %= size
            if parts.count == 2 { break }
        }
        return parts.joined(separator: " ")
    }
}
