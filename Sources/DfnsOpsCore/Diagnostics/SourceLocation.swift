/// A position in a manifest file: the file path as the user gave it, and a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml does.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file path, as given on the command line or found under a directory.
    public var file: String
    /// The line, starting from 1.
    public var line: Int
    /// The column, starting from 1.
    public var column: Int

    /// The location as `path:line:col`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders locations by file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
