/// The outcome of validating a set of manifest files.
public struct ManifestValidation: Sendable {
    /// Every decoded document, in load order.
    public var documents: [ManifestDocument]
    /// Every problem, per-document and cross-document, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// What the manifests declare, Settings' defaults applied. Meaningful only when ``isValid``.
    public var desiredState: DesiredState
    /// How many files were read.
    public var fileCount: Int

    /// Creates a validation outcome.
    public init(documents: [ManifestDocument], diagnostics: [Diagnostic], desiredState: DesiredState, fileCount: Int) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.desiredState = desiredState
        self.fileCount = fileCount
    }

    /// Whether there are no errors.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }

    /// The number of errors.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// The number of manifests found.
    public var manifestCount: Int { documents.filter { $0.manifest != nil }.count }
}
