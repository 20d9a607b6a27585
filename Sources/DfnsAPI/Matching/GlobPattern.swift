/// A shell-style pattern: `*` matches any run of characters (`/` included), `?` any one character, everything else
/// itself. Drift ignore rules match names and ids with it; the emulator's fault and approval rules match paths.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern text.
    public var pattern: String

    /// Creates a pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        let pattern = Array(self.pattern)
        let text = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let starIndex = star {
                p = starIndex + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
