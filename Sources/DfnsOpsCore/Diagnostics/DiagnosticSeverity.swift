/// How serious a diagnostic is. Only errors make validation fail.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// A problem that must be fixed before dfnsops will act on the manifests.
    case error
    /// Something that is probably a mistake but does not stop dfnsops.
    case warning
    /// Extra information attached to another diagnostic.
    case note
}
