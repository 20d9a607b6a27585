/// One problem found in the manifests, located to a file, line and column, with the fix when one is known.
///
/// Rendered compiler-style by ``DiagnosticRenderer``: `path:line:col: error: message`, then `  hint: …`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public var severity: DiagnosticSeverity
    /// A stable identifier of the rule that found the problem (also the SARIF rule id).
    public var code: DiagnosticCode
    /// What is wrong, in one sentence.
    public var message: String
    /// Where the problem is; `nil` for problems that belong to no file (for example, an empty manifest set).
    public var location: SourceLocation?
    /// How to fix it, when a fix is known.
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        severity: DiagnosticSeverity = .error,
        code: DiagnosticCode,
        message: String,
        location: SourceLocation?,
        hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// Creates an error diagnostic.
    public static func error(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(severity: .error, code: code, message: message, location: location, hint: hint)
    }

    /// The file the problem is in, if any.
    public var file: String? { location?.file }
    /// The 1-based line of the problem, if located.
    public var line: Int? { location?.line }
    /// The 1-based column of the problem, if located.
    public var column: Int? { location?.column }

    /// The diagnostic in plain compiler style, without colour.
    public var description: String { DiagnosticRenderer(colour: false).render(self) }
}

extension Diagnostic: Comparable {
    /// Orders diagnostics by location (unlocated ones first), then by message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, nil): return lhs.message < rhs.message
        case (nil, _): return true
        case (_, nil): return false
        case (let left?, let right?):
            if left != right { return left < right }
            return lhs.message < rhs.message
        }
    }
}
