import Foundation

/// The JSON every dfnsops report is written in: pretty-printed, sorted keys, ISO 8601 dates, unescaped slashes,
/// empty collections as `[]` and `{}` on every platform, and a final newline — so reports read the same and
/// diff cleanly wherever they were made.
public enum JSONOutput {
    /// Renders a value.
    /// - Throws: `EncodingError` if a value cannot be encoded.
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return collapsingEmptyCollections(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }

    /// Replaces `[` or `{`, a line break, blank space and the matching `]` or `}` by `[]` or `{}` (Foundation on
    /// Linux puts a blank line inside empty collections).
    ///
    /// Safe on any JSON text: a string literal never holds a raw line break, so the pattern only matches structure.
    public static func collapsingEmptyCollections(_ json: String) -> String {
        var result = json
        for (open, close) in [("[", "]"), ("{", "}")] {
            result = result.replacingOccurrences(
                of: "\\\(open)\\n\\s*\\\(close)", with: open + close, options: .regularExpression)
        }
        return result
    }
}
