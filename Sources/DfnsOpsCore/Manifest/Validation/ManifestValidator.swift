/// Validates manifests as a whole: decodes every file, then checks what no single document can (duplicate names,
/// store references, adoption, the operator, Settings), and builds the ``DesiredState``.
///
/// Pure: it takes file texts, never reads the disk.
public struct ManifestValidator: Sendable {
    /// The parser for each file.
    public var parser: ManifestParser
    /// When set, an exec SecretStore whose plugin is not installed among them is an error (`untrusted-plugin`).
    public var trustedPlugins: TrustedPlugins?
    /// When set, a file SecretStore whose directory is outside them is an error (`store-outside-roots`).
    public var storeRoots: StoreRoots?

    /// Creates a validator.
    public init(
        parser: ManifestParser = ManifestParser(), trustedPlugins: TrustedPlugins? = nil, storeRoots: StoreRoots? = nil
    ) {
        self.parser = parser
        self.trustedPlugins = trustedPlugins
        self.storeRoots = storeRoots
    }

    /// Validates every source together.
    ///
    /// - Parameters:
    ///   - sources: the files, in load order.
    ///   - inputDiagnostics: problems met while finding the files (unreadable paths), reported with the rest.
    /// - Returns: the documents, all diagnostics sorted by location, and the desired state.
    public func validate(_ sources: [ManifestSource], inputDiagnostics: [Diagnostic] = []) -> ManifestValidation {
        var documents: [ManifestDocument] = []
        var diagnostics = inputDiagnostics
        for source in sources {
            let (parsed, fileDiagnostics) = parser.parse(source.text, file: source.path)
            documents += parsed
            diagnostics += fileDiagnostics
            diagnostics += parsed.flatMap(\.diagnostics)
        }
        var checker = CrossDocumentChecker()
        let desiredState = checker.check(documents.compactMap(\.manifest))
        diagnostics += checker.diagnostics
        diagnostics += trustedPlugins?.diagnostics(for: desiredState.secretStores) ?? []
        diagnostics += storeRoots?.diagnostics(for: desiredState.secretStores) ?? []
        return ManifestValidation(
            documents: documents,
            diagnostics: Self.sorted(diagnostics),
            desiredState: desiredState,
            fileCount: sources.count
        )
    }

    /// Validates the text of one file on its own.
    public func validate(_ text: String, file: String) -> ManifestValidation {
        validate([ManifestSource(path: file, text: text)])
    }

    /// Sorts by location, keeping the order of diagnostics at the same place.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .sorted { lhs, rhs in
                switch (lhs.element.location, rhs.element.location) {
                case (nil, nil): return lhs.offset < rhs.offset
                case (nil, _): return true
                case (_, nil): return false
                case (let left?, let right?): return left == right ? lhs.offset < rhs.offset : left < right
                }
            }
            .map(\.element)
    }
}
