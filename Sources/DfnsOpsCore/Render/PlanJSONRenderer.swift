import Foundation

/// Renders a plan as the versioned JSON that `--out` saves and `schemas/plan.schema.json` describes.
public enum PlanJSONRenderer {
    /// Pretty-printed JSON with sorted keys and ISO 8601 dates, ending in a newline.
    public static func render(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }

    /// Reads a saved plan.
    public static func decode(_ data: Data) throws -> Plan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Plan.self, from: data)
    }
}
