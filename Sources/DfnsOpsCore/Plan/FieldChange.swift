/// One field that differs between the live object and the manifest.
///
/// Values are plain data (names, URLs, event sets, flags) or fingerprints — never a secret.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var before: PlanValue?
    public var after: PlanValue?

    public init(field: String, before: PlanValue?, after: PlanValue?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// A value shown in a plan.
public enum PlanValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([String])
    /// A secret or key, shown only by its fingerprint.
    case fingerprint(String)

    /// The items of a list value; nil for any other value.
    var strings: [String]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else if let object = try? container.decode([String: String].self), let fingerprint = object["fingerprint"] {
            self = .fingerprint(fingerprint)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .fingerprint(let value): try container.encode(["fingerprint": value])
        }
    }

    /// How the value reads in text and Markdown plans.
    public var description: String {
        switch self {
        case .string(let value): "\"\(value)\""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .list(let value): "[" + value.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .fingerprint(let value): value
        }
    }
}
