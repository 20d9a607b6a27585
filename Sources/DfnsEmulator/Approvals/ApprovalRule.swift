import DfnsAPI

/// Marks mutating calls as needing policy approval: matching calls answer 202 and wait for the admin API.
public struct ApprovalRule: Codable, Sendable, Equatable {
    /// The id the emulator gives the rule.
    public var id: String?
    /// The HTTP method to match; nil or `*` matches any mutating method.
    public var method: String?
    /// The path to match, without query; `*` matches any run of characters.
    public var path: String

    /// Creates a rule.
    public init(id: String? = nil, method: String? = nil, path: String) {
        self.id = id
        self.method = method
        self.path = path
    }

    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted != "*", wanted.uppercased() != method.uppercased() { return false }
        return GlobPattern(self.path).matches(path)
    }
}
