import Foundation
import Testing

@testable import DfnsOpsCore

@Suite("YAML composer")
struct YAMLComposerTests {
    @Test("plain scalars are typed by the YAML 1.2 core schema; quoted ones stay strings")
    func coreSchemaTyping() throws {
        let text = """
            a: true
            b: yes
            c: 42
            d: "42"
            e: 1.5
            f: ~
            g: 2026-01-01
            h: 0x1F
            i: !!str 7
            j: off
            """
        let (documents, diagnostics) = YAMLComposer().compose(text, file: "t.yaml")
        #expect(diagnostics.isEmpty)
        let root = try #require(documents.first?.root)
        #expect(root["a"]?.value == .bool(true))
        #expect(root["b"]?.value == .string("yes"))
        #expect(root["c"]?.value == .integer(42))
        #expect(root["d"]?.value == .string("42"))
        #expect(root["e"]?.value == .float(1.5))
        #expect(root["f"]?.value == .null)
        #expect(root["g"]?.value == .string("2026-01-01"))
        #expect(root["h"]?.value == .integer(31))
        #expect(root["i"]?.value == .string("7"))
        #expect(root["j"]?.value == .string("off"))
    }

    @Test("every node keeps its line and column")
    func positions() throws {
        let text = "kind: Webhook\nspec:\n  events:\n    - a\n    -   b\n"
        let root = try #require(YAMLComposer().compose(text, file: "p.yaml").documents.first?.root)
        let spec = try #require(root.entries?.first { $0.key == "spec" })
        #expect(spec.keyLocation == SourceLocation(file: "p.yaml", line: 2, column: 1))
        guard case .sequence(let items) = spec.value["events"]?.value else {
            Issue.record("events is not a list")
            return
        }
        #expect(items.map(\.location.line) == [4, 5])
        #expect(items.map(\.location.column) == [7, 9])
    }

    @Test("several documents per file, empty ones kept in the count")
    func multipleDocuments() {
        let text = "a: 1\n---\n---\nb: 2\n"
        let documents = YAMLComposer().compose(text, file: "m.yaml").documents
        #expect(documents.map(\.index) == [0, 1, 2])
        #expect(documents.map { $0.root == nil } == [false, true, false])
    }

    @Test("a syntax error is reported at its line and ends the file")
    func syntaxError() throws {
        let text = "a: 1\n---\nb: [1, 2\n"
        let (documents, diagnostics) = YAMLComposer().compose(text, file: "s.yaml")
        #expect(documents.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location?.line == 4)
    }

    /// `levels` of ten aliases each: 10^levels strings once expanded.
    static func billionLaughs(levels: Int) -> String {
        var lines = ["root:", "  l0: &l0 [\(Array(repeating: "\"lol\"", count: 10).joined(separator: ", "))]"]
        for level in 1..<levels {
            lines.append(
                "  l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", "))]")
        }
        lines.append("spec: *l\(levels - 1)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Refused at the node budget, so 10^20 leaves are never built (the test would not end if they were). How fast
    /// the refusal is belongs to `scripts/bench/yaml-alias-bomb.sh`, not to a test that shares the cores.
    @Test("a billion-laughs document is refused at the node budget, never expanded", arguments: [9, 20])
    func billionLaughsIsRefused(levels: Int) throws {
        let text = Self.billionLaughs(levels: levels)
        let result = YAMLComposer().compose(text, file: "lol.yaml")
        let document = try #require(result.documents.first)
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.code == .aliasExpansion)
        #expect(diagnostic.message.contains("more than 100000 nodes"))
        #expect(diagnostic.location == SourceLocation(file: "lol.yaml", line: 1, column: 1))
    }

    @Test("the node budget is configurable and counts expanded aliases")
    func budget() {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        #expect(
            YAMLComposer(nodeBudget: 100).compose(text, file: "b.yaml").documents.first?.diagnostics.isEmpty == true)
        // The root, a's list and its 3 items, b's list and 2 × (a's list and its 3 items): 1 + 4 + 9 = 14 nodes.
        #expect(
            YAMLComposer(nodeBudget: 13).compose(text, file: "b.yaml").documents.first?.diagnostics.first?.code
                == .aliasExpansion)
        #expect(YAMLComposer(nodeBudget: 14).compose(text, file: "b.yaml").documents.first?.diagnostics.isEmpty == true)
    }

    /// Refused before Yams builds the document, whose hashing of a 10^12-leaf key would take hours.
    @Test("a key built from an alias is refused before Yams hashes it")
    func aliasKeyIsRefused() throws {
        let bomb = Self.billionLaughs(levels: 12).replacingOccurrences(of: "spec: *l11", with: "? *l11\n: x")
        let result = YAMLComposer().compose(bomb, file: "key.yaml")
        #expect(result.documents.isEmpty)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .aliasExpansion)
        #expect(diagnostic.location == SourceLocation(file: "key.yaml", line: 14, column: 1))
    }

    @Test(
        "ordinary uses of aliases, and '*' in quotes, globs and comments, pass the key guard",
        arguments: [
            "a: &x [1]\nb: *x\n",
            "a: &x {k: 1}\nb:\n  <<: *x\n",
            "e: ['*']\nx: &y 1\nz: *y\nw: \"*y: \"\n",
            "a: &x 1\nb: [*x, *x]\nc: {d: *x}\n",
            "name: legacy-*\nx: &y 1\ny: *y  # *y: in a comment\n",
            "? complex\n: no aliases in this file\n",
        ]
    )
    func keyGuardAllowsOrdinaryText(text: String) {
        #expect(!YAMLComposer().compose(text, file: "ok.yaml").diagnostics.contains { $0.code == .aliasExpansion })
    }
}
