import Foundation

/// Replaces what legitimately differs between two plans of the same organisation-shape, so that rendered plans
/// can be compared with golden files:
///
/// - ids the emulator generates (`us-…`, `to-…`, `wh-…`, `pm-…`, `cr-…`, `as-…`, `or-…`) become `us-ID1`,
///   `wh-ID1`, … numbered per prefix in order of first appearance; ids written in the manifests stay as they are;
/// - the JSON plan's `createdAt` and `liveStateFingerprint`, and the values of `liveObjects` (fingerprints of
///   objects that hold generated ids and dates), become placeholders; `liveObjects` is re-sorted after that,
///   because its keys were sorted by the random ids;
/// - times such as `2026-12-04 02:00 UTC` (rotation steps relative to now) become `<time>`.
///
/// One normaliser is used for all three formats of a run, so an object has the same placeholder in each.
final class PlanNormaliser {
    private var placeholders: [String: String] = [:]
    private var counters: [String: Int] = [:]
    private let keep: Set<String>

    /// - Parameter keep: ids to leave alone (those the manifests name).
    init(keep: Set<String> = []) {
        self.keep = keep
    }

    /// The Dfns-shaped ids in `text`.
    static func ids(in text: String) -> [String] {
        matches(of: idPattern, in: text)
    }

    private static let idPattern = #"\b(us|to|wh|pm|cr|as|or)-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{16}\b"#

    private static func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    private static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    private func placeholder(for id: String) -> String {
        if keep.contains(id) { return id }
        if let known = placeholders[id] { return known }
        let prefix = String(id.prefix { $0 != "-" })
        let number = (counters[prefix] ?? 0) + 1
        counters[prefix] = number
        let placeholder = "\(prefix)-ID\(number)"
        placeholders[id] = placeholder
        return placeholder
    }

    /// Normalises a text or Markdown plan.
    func normalise(_ text: String) -> String {
        var result = text
        for id in Self.ids(in: text) {
            result = result.replacingOccurrences(of: id, with: placeholder(for: id))
        }
        return Self.replacing(#"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b"#, in: result, with: "<time>")
    }

    /// Normalises a JSON plan (pretty-printed, one key per line, as `PlanJSONRenderer` writes it).
    func normaliseJSON(_ json: String) -> String {
        var text = normalise(json)
        text = Self.replacing(
            #""createdAt" : "[^"]*""#, in: text, with: #""createdAt" : "<createdAt>""#)
        text = Self.replacing(
            #""liveStateFingerprint" : "[^"]*""#, in: text, with: #""liveStateFingerprint" : "<liveStateFingerprint>""#)
        text = Self.replacing(#""nextStepAt" : "[^"]*""#, in: text, with: #""nextStepAt" : "<time>""#)
        return Self.sortingLiveObjects(text)
    }

    /// Replaces each `liveObjects` value by `<fingerprint>` and sorts the entries again.
    private static func sortingLiveObjects(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  \"liveObjects\" : {") }),
            !lines[start].hasSuffix("}") && !lines[start].hasSuffix("},"),
            let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix("  }") })
        else { return text }
        let entries = lines[(start + 1)..<end].map { line -> String in
            var entry = line.hasSuffix(",") ? String(line.dropLast()) : line
            if let colon = entry.range(of: "\" : \"", options: .backwards) {
                entry = String(entry[..<colon.lowerBound]) + "\" : \"<fingerprint>\""
            }
            return entry
        }
        .sorted()
        let rewritten = entries.enumerated().map { index, entry in index == entries.count - 1 ? entry : entry + "," }
        lines.replaceSubrange((start + 1)..<end, with: rewritten)
        return lines.joined(separator: "\n")
    }
}
