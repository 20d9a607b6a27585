import Foundation

/// Builds small JSON texts whose exact bytes matter (client data, attestation fingerprints, exec-plugin requests).
public enum JSONText {
    /// A JSON string literal for `value`, quotes included, with `/` left unescaped.
    public static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
