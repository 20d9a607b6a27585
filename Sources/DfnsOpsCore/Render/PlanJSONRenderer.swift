import Foundation

/// Renders a plan as the versioned JSON that `--out` saves and `schemas/plan.schema.json` describes.
public enum PlanJSONRenderer {
    /// Pretty-printed JSON with sorted keys and ISO 8601 dates, ending in a newline.
    ///
    /// Written by `JSONOutput`: empty arrays and objects are `[]` and `{}` on every platform, so saved plans read
    /// the same and diff cleanly wherever they were made.
    /// - Parameter plan: the plan to render.
    /// - Returns: the JSON text.
    /// - Throws: `EncodingError` if a value cannot be encoded (not expected for a plan).
    public static func render(_ plan: Plan) throws -> String {
        try JSONOutput.render(plan)
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
