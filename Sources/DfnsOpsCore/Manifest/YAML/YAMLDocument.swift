/// One YAML document of a manifest file, converted to ``SourceNode``s.
public struct YAMLDocument: Sendable, Hashable {
    /// The file the document is in.
    public var file: String
    /// The 0-based position of the document in its file, counting every document (empty ones too).
    public var index: Int
    /// The document's root node; `nil` when the document is empty.
    public var root: SourceNode?
    /// Problems found while converting this document (alias bombs, non-string keys, bad merge keys).
    public var diagnostics: [Diagnostic]

    /// Creates a document.
    public init(file: String, index: Int, root: SourceNode?, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.index = index
        self.root = root
        self.diagnostics = diagnostics
    }
}
