import Foundation
import Testing

@testable import DfnsOpsCore

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    let diagnostic = Diagnostic.error(
        .unknownField,
        "unknown field 'maxage' in spec.key.rotation",
        at: SourceLocation(file: "sa.yaml", line: 8, column: 7),
        hint: "did you mean 'maxAge'?"
    )

    @Test("compiler style, with a hint line, and no escape codes without colour")
    func plain() {
        let text = DiagnosticRenderer(colour: false).render(diagnostic)
        #expect(
            text == "sa.yaml:8:7: error: unknown field 'maxage' in spec.key.rotation\n  hint: did you mean 'maxAge'?")
        #expect(diagnostic.description == text)
    }

    @Test("colour only when asked")
    func coloured() {
        let text = DiagnosticRenderer(colour: true).render(diagnostic)
        #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;36mhint:\u{1B}[0m"))
    }

    @Test("unlocated diagnostics have no location prefix")
    func unlocated() {
        let text = DiagnosticRenderer(colour: false).render(.error(.unreadableInput, "cannot read 'x'", at: nil))
        #expect(text == "error: cannot read 'x'")
    }

    @Test("JSON for machines: summary and one entry per diagnostic")
    func json() throws {
        let text = DiagnosticRenderer.renderJSON([diagnostic], files: 2, manifests: 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["valid"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "manifests": 3, "errors": 1, "warnings": 0])
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries[0]["code"] as? String == "unknown-field")
        #expect(entries[0]["file"] as? String == "sa.yaml")
        #expect(entries[0]["line"] as? Int == 8)
        #expect(entries[0]["column"] as? Int == 7)
        #expect(entries[0]["hint"] as? String == "did you mean 'maxAge'?")
    }
}
