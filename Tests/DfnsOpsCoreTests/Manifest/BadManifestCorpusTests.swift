import DfnsOpsCore
import Foundation
import Testing

/// Each bad document is validated alone; its rendered diagnostics must equal the golden `.expected` file.
///
/// Set `DFNSOPS_RECORD=1` to re-record the golden files; a recording run fails so that it cannot pass silently.
@Suite("Bad manifest corpus")
struct BadManifestCorpusTests {
    static let isRecording = ProcessInfo.processInfo.environment["DFNSOPS_RECORD"] == "1"

    @Test("the corpus holds at least 30 bad documents, each with a golden file")
    func corpusIsComplete() throws {
        let yaml = ManifestFixtures.badFiles
        #expect(yaml.count >= 30)
        let expected = (try FileManager.default.contentsOfDirectory(atPath: ManifestFixtures.bad.path))
            .filter { $0.hasSuffix(".expected") }
            .sorted()
        #expect(expected == yaml.map { $0.replacingOccurrences(of: ".yaml", with: ".expected") })
    }

    @Test("diagnostics match the golden file", arguments: ManifestFixtures.badFiles)
    func diagnosticsMatchGolden(_ name: String) throws {
        let text = try ManifestFixtures.text(ManifestFixtures.bad.appendingPathComponent(name))
        let validation = ManifestValidator().validate(text, file: "bad/\(name)")
        #expect(!validation.isValid, "a bad document must produce at least one error")
        let rendered = DiagnosticRenderer(colour: false).render(validation.diagnostics)
        let goldenURL = ManifestFixtures.bad.appendingPathComponent(
            name.replacingOccurrences(of: ".yaml", with: ".expected"))
        if Self.isRecording {
            try rendered.write(to: goldenURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(goldenURL.lastPathComponent); run again without DFNSOPS_RECORD to check it")
            return
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(rendered == golden)
    }

    @Test("every diagnostic in the corpus is located to a line and column inside its file")
    func diagnosticsAreLocated() throws {
        for name in ManifestFixtures.badFiles {
            let text = try ManifestFixtures.text(ManifestFixtures.bad.appendingPathComponent(name))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for diagnostic in ManifestValidator().validate(text, file: name).diagnostics {
                let location = try #require(diagnostic.location, "\(name): \(diagnostic.message)")
                #expect(location.file == name)
                #expect((1...lines.count).contains(location.line), "\(name): \(diagnostic)")
                let line = lines[location.line - 1]
                #expect(
                    location.column >= 1 && location.column <= line.unicodeScalars.count + 1, "\(name): \(diagnostic)")
            }
        }
    }
}
