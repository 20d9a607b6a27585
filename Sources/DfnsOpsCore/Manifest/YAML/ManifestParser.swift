/// Parses and decodes manifest text: a pure function from text to typed documents and diagnostics.
public struct ManifestParser: Sendable {
    /// The YAML composer, with its alias-expansion budget.
    public var composer: YAMLComposer

    /// Creates a parser.
    public init(composer: YAMLComposer = YAMLComposer()) {
        self.composer = composer
    }

    /// Parses every document of one file.
    ///
    /// - Parameters:
    ///   - text: the file's text.
    ///   - file: the path used in locations.
    /// - Returns: the decoded documents, and file-level diagnostics (YAML syntax errors, duplicate keys) that
    ///   belong to no decoded document.
    public func parse(_ text: String, file: String) -> (documents: [ManifestDocument], diagnostics: [Diagnostic]) {
        let (yamlDocuments, fileDiagnostics) = composer.compose(text, file: file)
        let documents = yamlDocuments.map { document in
            let result = ManifestDecoder.decode(document)
            return ManifestDocument(
                file: file,
                index: document.index,
                manifest: result.manifest,
                diagnostics: document.diagnostics + result.diagnostics
            )
        }
        return (documents, fileDiagnostics)
    }
}
