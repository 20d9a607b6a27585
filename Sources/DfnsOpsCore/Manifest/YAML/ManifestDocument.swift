/// One document of a manifest file after decoding: the typed manifest (when its kind and name are known) and the
/// problems found in this document alone.
public struct ManifestDocument: Sendable, Hashable {
    /// The file the document is in.
    public var file: String
    /// The 0-based index of the document in its file.
    public var index: Int
    /// The typed manifest; `nil` for empty documents and documents whose kind or name cannot be read.
    public var manifest: Manifest?
    /// Problems found in this document alone (not cross-document ones).
    public var diagnostics: [Diagnostic]

    /// Creates a document.
    public init(file: String, index: Int, manifest: Manifest?, diagnostics: [Diagnostic]) {
        self.file = file
        self.index = index
        self.manifest = manifest
        self.diagnostics = diagnostics
    }

    /// Whether the document has no errors of its own.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}
