import Foundation
import Testing

/// Golden files under `Fixtures/golden`. Set `DFNSOPS_RECORD=1` to re-record them; a recording run fails, so it
/// cannot pass silently.
enum GoldenFile {
    static let isRecording = ProcessInfo.processInfo.environment["DFNSOPS_RECORD"] == "1"
    static let directory = MixedOrganisation.fixtures.appendingPathComponent("golden")

    /// The golden file's URL.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Compares `actual` with the golden file `name` (or records it), reporting the first differing line.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let file = url(name)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record(
                "recorded \(name); review it, then run again without DFNSOPS_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "no golden file \(file.path); record it with DFNSOPS_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard actual != golden else { return }
        let actualLines = actual.components(separatedBy: "\n")
        let goldenLines = golden.components(separatedBy: "\n")
        let common = min(actualLines.count, goldenLines.count)
        let first = (0..<common).first { actualLines[$0] != goldenLines[$0] } ?? common
        let expectedLine = first < goldenLines.count ? goldenLines[first] : "<end of file>"
        let actualLine = first < actualLines.count ? actualLines[first] : "<end of file>"
        Issue.record(
            """
            \(name) differs from the golden file at line \(first + 1):
              golden: \(expectedLine)
              actual: \(actualLine)
            Re-record with DFNSOPS_RECORD=1 if the change is intended. Full output:
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}
