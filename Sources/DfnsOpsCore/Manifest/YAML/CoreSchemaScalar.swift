/// Types plain YAML scalars by the YAML 1.2 core schema: null, booleans, integers, floats, otherwise text.
///
/// Written by hand (no regular expressions) because the loader types every scalar of every manifest. The
/// JSON Schema checker (`scripts/schema-check/check.py`) resolves scalars by the same rules.
enum CoreSchemaScalar {
    /// The typed value of a plain (unquoted, untagged) scalar.
    static func resolve(_ text: String) -> SourceNode.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        if let integer = integer(text) { return .integer(integer) }
        if isFloat(text), let double = Double(text) { return .float(double) }
        return .string(text)
    }

    /// The value of a scalar with an explicit tag such as `!!int`, or `nil` when the text does not fit the tag.
    static func resolve(_ text: String, tag: String) -> SourceNode.Value? {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return resolve(text) == .null ? .null : nil
        case "tag:yaml.org,2002:bool":
            if case .bool(let value) = resolve(text) { return .bool(value) }
            return nil
        case "tag:yaml.org,2002:int":
            return integer(text).map { .integer($0) }
        case "tag:yaml.org,2002:float":
            switch resolve(text) {
            case .float(let value): return .float(value)
            case .integer(let value): return .float(Double(value))
            default: return nil
            }
        default: return nil
        }
    }

    private static func integer(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") { return Int(String(text.dropFirst(2)), radix: 8) }
            if bytes[1] == UInt8(ascii: "x") { return Int(String(text.dropFirst(2)), radix: 16) }
        }
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digitRun() -> Int {
            var count = 0
            while let byte = bytes.first, isDigit(byte) {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digitRun() > 0 else { return false }
        } else {
            guard digitRun() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                _ = digitRun()
            }
        }
        if let exponent = bytes.first, exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            guard digitRun() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
