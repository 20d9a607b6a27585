import Foundation

/// Renders diagnostics for people (compiler style, optionally coloured) and for machines (JSON).
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colours. The CLI sets this only on a terminal without `NO_COLOR`.
    public var colour: Bool

    /// Creates a renderer.
    ///
    /// - Parameter colour: use ANSI colours; the caller decides (terminal, `NO_COLOR`, `--no-color`).
    public init(colour: Bool) {
        self.colour = colour
    }

    /// Renders one diagnostic: `path:line:col: error: message`, then `  hint: …` when a fix is known.
    public func render(_ diagnostic: Diagnostic) -> String {
        var head = ""
        if let location = diagnostic.location {
            head = paint("\(location): ", .bold)
        }
        let label = diagnostic.severity.rawValue + ":"
        let style: Style =
            switch diagnostic.severity {
            case .error: .red
            case .warning: .yellow
            case .note: .cyan
            }
        var text = head + paint(label, style) + " " + paint(diagnostic.message, .bold)
        if let hint = diagnostic.hint {
            text += "\n  " + paint("hint:", .cyan) + " " + hint
        }
        return text
    }

    /// Renders every diagnostic, one after another, each ending with a newline.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) + "\n" }.joined()
    }

    /// Renders diagnostics as a JSON document for machines.
    ///
    /// The shape is `{"formatVersion": 1, "valid": Bool, "summary": {...}, "diagnostics": [...]}`, keys sorted.
    /// - Parameters:
    ///   - diagnostics: the diagnostics to render.
    ///   - files: how many files were read.
    ///   - manifests: how many manifests were found.
    public static func renderJSON(_ diagnostics: [Diagnostic], files: Int, manifests: Int) -> String {
        let report = DiagnosticReport(diagnostics: diagnostics, files: files, manifests: manifests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report), let text = String(data: data, encoding: .utf8) else {
            return "{}"
        }
        return text + "\n"
    }

    private enum Style: String {
        case bold = "1"
        case red = "1;31"
        case yellow = "1;33"
        case cyan = "1;36"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// The JSON form of a validation run.
private struct DiagnosticReport: Encodable {
    struct Summary: Encodable {
        var files: Int
        var manifests: Int
        var errors: Int
        var warnings: Int
    }

    struct Entry: Encodable {
        var severity: DiagnosticSeverity
        var code: DiagnosticCode
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var hint: String?
    }

    var formatVersion = 1
    var valid: Bool
    var summary: Summary
    var diagnostics: [Entry]

    init(diagnostics: [Diagnostic], files: Int, manifests: Int) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        valid = errors == 0
        summary = Summary(
            files: files,
            manifests: manifests,
            errors: errors,
            warnings: diagnostics.filter { $0.severity == .warning }.count
        )
        self.diagnostics = diagnostics.map {
            Entry(
                severity: $0.severity,
                code: $0.code,
                message: $0.message,
                file: $0.file,
                line: $0.line,
                column: $0.column,
                hint: $0.hint
            )
        }
    }
}
