/// The name of a secret-store entry: a relative path such as `service-accounts/payments-signer`.
///
/// A path has one or more components separated by `/`. Each component is 1–128 characters from
/// `A–Z a–z 0–9 . _ -` and does not start with `.`, so `.` and `..` are impossible and every path stays inside
/// the store. Stores use the characters outside that set (such as `@`) for their own bookkeeping names.
public struct SecretEntryPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as written, components joined by `/`.
    public let rawValue: String

    /// The path's components, in order.
    public var components: [String] {
        rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// The longest component length accepted.
    public static let maximumComponentLength = 128

    /// Creates an entry path after checking it.
    ///
    /// - Parameter rawValue: The path, for example `service-accounts/payments-signer`.
    /// - Throws: ``SecretStoreError/invalidEntryPath(_:reason:)`` naming the rule the path breaks.
    public init(_ rawValue: String) throws {
        if let problem = Self.problem(with: rawValue) {
            throw SecretStoreError.invalidEntryPath(rawValue, reason: problem)
        }
        self.rawValue = rawValue
    }

    /// Creates an entry path from components.
    ///
    /// - Parameter components: The components, for example `["webhooks", "orders"]`.
    /// - Throws: ``SecretStoreError/invalidEntryPath(_:reason:)`` naming the rule the path breaks.
    public init(components: [String]) throws {
        try self.init(components.joined(separator: "/"))
    }

    /// Tells whether this path is `prefix` itself or lies below it.
    ///
    /// - Parameter prefix: The candidate ancestor.
    /// - Returns: `true` when every component of `prefix` starts this path.
    public func isWithin(_ prefix: SecretEntryPath) -> Bool {
        rawValue == prefix.rawValue || rawValue.hasPrefix(prefix.rawValue + "/")
    }

    /// The path itself.
    public var description: String { rawValue }

    /// Orders paths component by component, so `a/b` sorts before `a-b`.
    public static func < (lhs: SecretEntryPath, rhs: SecretEntryPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    /// Describes what is wrong with a candidate path, or returns `nil` when it is valid.
    static func problem(with candidate: String) -> String? {
        if candidate.isEmpty {
            return "an entry path must not be empty"
        }
        if candidate.hasPrefix("/") {
            return "an entry path must be relative (no leading `/`)"
        }
        for component in candidate.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty {
                return "an entry path must not contain empty components (`//` or a trailing `/`)"
            }
            if component == ".." || component == "." {
                return "an entry path must not contain `.` or `..` components"
            }
            if component.hasPrefix(".") {
                return "a path component must not start with `.`"
            }
            if component.count > maximumComponentLength {
                return "a path component must be at most \(maximumComponentLength) characters"
            }
            if !component.unicodeScalars.allSatisfy(isAllowed) {
                return "a path component may contain only A-Z, a-z, 0-9, `.`, `_` and `-`"
            }
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}

extension SecretEntryPath: Codable {
    /// Decodes a path from a JSON string, checking it.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a valid entry path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let problem = Self.problem(with: text) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: problem)
        }
        self.rawValue = text
    }

    /// Encodes the path as a JSON string.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Any error from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
