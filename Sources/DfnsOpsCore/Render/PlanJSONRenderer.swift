import Foundation

/// Renders a plan as the versioned JSON that `--out` saves and `schemas/plan.schema.json` describes.
public enum PlanJSONRenderer {
    /// Pretty-printed JSON with sorted keys and ISO 8601 dates, ending in a newline.
    ///
    /// Empty arrays and objects are written `[]` and `{}` on every platform (Foundation on Linux would put a
    /// blank line inside them), so saved plans read the same and diff cleanly wherever they were made.
    /// - Parameter plan: the plan to render.
    /// - Returns: the JSON text.
    /// - Throws: `EncodingError` if a value cannot be encoded (not expected for a plan).
    public static func render(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return collapsingEmptyCollections(String(decoding: try encoder.encode(plan), as: UTF8.self)) + "\n"
    }

    /// Replaces `[` or `{`, a line break, blank space and the matching `]` or `}` by `[]` or `{}`.
    ///
    /// Safe on any JSON text: a string literal never holds a raw line break, so the pattern only ever matches
    /// structure.
    static func collapsingEmptyCollections(_ json: String) -> String {
        var result = json
        for (open, close) in [("[", "]"), ("{", "}")] {
            result = result.replacingOccurrences(
                of: "\\\(open)\\n\\s*\\\(close)", with: open + close, options: .regularExpression)
        }
        return result
    }

    /// Reads a saved plan.
    /// - Parameter data: the JSON text of a saved plan.
    /// - Returns: the plan.
    /// - Throws: `DecodingError` when the data is not a plan of this format.
    public static func decode(_ data: Data) throws -> Plan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Plan.self, from: data)
    }
}
