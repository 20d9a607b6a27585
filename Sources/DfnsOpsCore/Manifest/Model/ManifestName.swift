/// The rules for `metadata.name`: lowercase letters, digits, `-`, `.` and `_`, starting and ending with a letter or
/// digit, at most 63 characters. Names appear in ownership markers, so they may hold no `/`, `#`, `[` or spaces.
public enum ManifestName {
    /// The longest name allowed.
    public static let maximumLength = 63

    /// The same rule as a regular expression, as `schemas/` publishes it.
    public static let pattern = "^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$"

    /// Whether `name` follows the rules.
    public static func isValid(_ name: some StringProtocol) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= maximumLength else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            }
    }
}
