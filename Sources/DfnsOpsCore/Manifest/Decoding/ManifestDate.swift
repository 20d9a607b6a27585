import Foundation

/// Parses the dates manifests use: `YYYY-MM-DD` (midnight UTC) or RFC 3339 `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`.
enum ManifestDate {
    /// The outcome of parsing.
    enum Outcome: Equatable {
        /// A valid instant.
        case date(Date)
        /// Not in either form.
        case malformed
        /// In the right form, but no such day (for example 2026-02-30).
        case impossible
    }

    /// The pattern `schemas/settings.schema.json` publishes for the same forms.
    static let pattern =
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        + "(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"

    /// Parses `text`.
    static func parse(_ text: String) -> Outcome {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for index in range {
                let byte = chars[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func char(_ index: Int, _ expected: Character) -> Bool {
            index < chars.count && chars[index] == expected.asciiValue
        }
        guard chars.count >= 10, let year = number(0..<4), char(4, "-"), let month = number(5..<7), char(7, "-"),
            let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return .malformed }
        var seconds = 0
        var offset = 0
        if chars.count > 10 {
            guard char(10, "T"), let hour = number(11..<13), char(13, ":"), let minute = number(14..<16),
                hour < 24, minute < 60
            else { return .malformed }
            seconds = hour * 3_600 + minute * 60
            var index = 16
            if char(16, ":") {
                guard let second = number(17..<19), second < 60 else { return .malformed }
                seconds += second
                index = 19
            }
            if char(index, "Z"), chars.count == index + 1 {
                offset = 0
            } else if char(index, "+") || char(index, "-"), chars.count == index + 6,
                let offsetHours = number((index + 1)..<(index + 3)), char(index + 3, ":"),
                let offsetMinutes = number((index + 4)..<(index + 6)), offsetHours < 24, offsetMinutes < 60
            {
                offset = (offsetHours * 3_600 + offsetMinutes * 60) * (char(index, "-") ? -1 : 1)
            } else {
                return .malformed
            }
        }
        guard day <= daysIn(month: month, year: year) else { return .impossible }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return .date(Date(timeIntervalSince1970: TimeInterval(days * 86_400 + seconds - offset)))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
