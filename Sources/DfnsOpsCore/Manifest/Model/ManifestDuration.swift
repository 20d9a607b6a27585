/// A length of time written in a manifest: `90d`, `12h`, `30m`, `45s`, `2w`, or ISO 8601 (`P90D`, `PT12H`, `P2W`,
/// `P1DT12H`).
///
/// Held as whole seconds. ISO 8601 years and months are refused: they have no fixed length.
public struct ManifestDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Int

    /// Creates a duration of `seconds` seconds.
    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// A duration of `count` days.
    public static func days(_ count: Int) -> ManifestDuration { ManifestDuration(seconds: count * 86_400) }
    /// A duration of `count` hours.
    public static func hours(_ count: Int) -> ManifestDuration { ManifestDuration(seconds: count * 3_600) }
    /// A duration of `count` minutes.
    public static func minutes(_ count: Int) -> ManifestDuration { ManifestDuration(seconds: count * 60) }

    /// Parses a duration.
    ///
    /// - Parameter text: `<n><unit>` with unit `s`, `m`, `h`, `d` or `w`; or ISO 8601 `PnW` / `PnDTnHnMnS`.
    /// - Returns: `nil` when the text is in neither form.
    public init?(parsing text: String) {
        if text.hasPrefix("P") {
            guard let seconds = Self.parseISO8601(text) else { return nil }
            self.seconds = seconds
            return
        }
        guard let unit = text.last, let multiplier = Self.unitSeconds[unit], text.count > 1 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        self.seconds = product
    }

    /// Why `text` is not a duration, or `nil` if it is one. Used for hints.
    static func problem(with text: String) -> String? {
        if ManifestDuration(parsing: text) != nil { return nil }
        if text.hasPrefix("P"), text.contains("Y") || text.split(separator: "T").first?.contains("M") == true {
            return "years and months have no fixed length; write days instead (P30D, 365d)"
        }
        return "write a number and a unit (s, m, h, d, w) such as 90d or 12h, or ISO 8601 such as P90D or PT12H"
    }

    /// The shortest exact form in the short syntax: `14d`, `36h`, `90m`, `45s`.
    public var description: String {
        if seconds != 0, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds != 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds != 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// The duration as a Swift `Duration`.
    public var duration: Duration { .seconds(seconds) }

    /// Orders durations by length.
    public static func < (lhs: ManifestDuration, rhs: ManifestDuration) -> Bool { lhs.seconds < rhs.seconds }

    /// Decodes from the manifest syntax.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ManifestDuration(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid duration '\(text)'")
        }
        self = value
    }

    /// Encodes as ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let unitSeconds: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// `P<n>W`, or `P[<n>D][T[<n>H][<n>M][<n>S]]` with at least one component.
    private static func parseISO8601(_ text: String) -> Int? {
        var rest = Substring(text.dropFirst())
        guard !rest.isEmpty else { return nil }
        if rest.last == "W" {
            let digits = rest.dropLast()
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let weeks = Int(digits) else { return nil }
            return weeks.multipliedReportingOverflow(by: 604_800).overflow ? nil : weeks * 604_800
        }
        var total = 0
        var components = 0
        func take(_ designators: [(Character, Int)]) -> Bool {
            var allowed = designators[...]
            while let digitsEnd = rest.firstIndex(where: { !$0.isASCIIDigit }), digitsEnd != rest.startIndex {
                let designator = rest[digitsEnd]
                guard let position = allowed.firstIndex(where: { $0.0 == designator }),
                    let count = Int(rest[rest.startIndex..<digitsEnd])
                else { return false }
                let (part, overflow) = count.multipliedReportingOverflow(by: allowed[position].1)
                let (sum, sumOverflow) = total.addingReportingOverflow(part)
                guard !overflow, !sumOverflow else { return false }
                total = sum
                components += 1
                allowed = allowed[(position + 1)...]
                rest = rest[rest.index(after: digitsEnd)...]
            }
            return true
        }
        guard take([("D", 86_400)]) else { return nil }
        if rest.first == "T" {
            rest = rest.dropFirst()
            let before = components
            guard take([("H", 3_600), ("M", 60), ("S", 1)]), components > before else { return nil }
        }
        guard rest.isEmpty, components > 0 else { return nil }
        return total
    }
}

extension Character {
    /// Whether the character is one of `0`…`9`.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
