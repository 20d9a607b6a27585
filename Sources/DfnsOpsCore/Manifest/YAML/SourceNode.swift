/// A YAML node with its position, typed by the YAML 1.2 core schema.
///
/// The loader converts Yams' node tree into this form once, with aliases expanded under a budget, so that
/// validation never touches Yams again and every value keeps the line and column it came from.
public struct SourceNode: Sendable, Hashable {
    /// One key and value of a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key text.
        public var key: String
        /// Where the key is written.
        public var keyLocation: SourceLocation
        /// The value.
        public var value: SourceNode
    }

    /// The typed content of a node.
    public enum Value: Sendable, Hashable {
        /// `null`, `~` or nothing.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A whole number.
        case integer(Int)
        /// A number with a fraction or exponent.
        case float(Double)
        /// Text (quoted, or plain text that is no other type).
        case string(String)
        /// A list.
        case sequence([SourceNode])
        /// A mapping, keys in document order.
        case mapping([Entry])
    }

    /// The typed content.
    public var value: Value
    /// Where the node starts.
    public var location: SourceLocation
    /// The scalar as written (for scalars), used to echo values back in messages.
    public var text: String?

    /// Creates a node.
    public init(_ value: Value, at location: SourceLocation, text: String? = nil) {
        self.value = value
        self.location = location
        self.text = text
    }

    /// The name of this node's YAML type, as messages use it: `string`, `integer`, `mapping`, ….
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .float: "number"
        case .string: "string"
        case .sequence: "list"
        case .mapping: "mapping"
        }
    }

    /// The entries, when the node is a mapping.
    public var entries: [Entry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    /// The value for `key`, when the node is a mapping that holds it.
    public subscript(key: String) -> SourceNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The string, when the node is a string scalar.
    public var string: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// A short rendering of the value for messages: the scalar text, or the type for collections.
    public var quotedForMessage: String {
        switch value {
        case .sequence, .mapping: return "a \(typeName)"
        case .null: return "null"
        case .string(let string): return Excerpt.quoted(string)
        default: return text.map { $0.count > Excerpt.limit ? Excerpt.quoted($0) : $0 } ?? typeName
        }
    }
}
