import DfnsOpsCore
import Foundation
import Testing

@Suite("Manifest loader")
struct ManifestLoaderTests {
    /// A fresh temporary directory holding `files` (relative path → text).
    func directory(with files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dfnsops-loader-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test("directories are searched recursively for *.yaml and *.yml, in sorted order, skipping hidden entries")
    func recursiveSortedLoading() throws {
        let root = try directory(with: [
            "b.yaml": "b: 1\n",
            "a/z.yml": "z: 1\n",
            "a/b/c.yaml": "c: 1\n",
            "notes.txt": "not yaml",
            ".hidden/x.yaml": "x: 1\n",
            "a/.draft.yaml": "d: 1\n",
            "A.yaml": "A: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let (sources, diagnostics) = ManifestLoader().load([root.path])
        #expect(diagnostics.isEmpty)
        #expect(
            sources.map { String($0.path.dropFirst(root.path.count + 1)) } == [
                "A.yaml", "a/b/c.yaml", "a/z.yml", "b.yaml",
            ])
    }

    @Test("a file named twice is read once; files keep the path as given")
    func deduplication() throws {
        let root = try directory(with: ["m.yaml": "a: 1\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("m.yaml").path
        let (sources, _) = ManifestLoader().load([file, root.path])
        #expect(sources.map(\.path) == [file])
    }

    @Test("missing paths and empty directories are diagnosed, not thrown")
    func missingPaths() throws {
        let root = try directory(with: ["readme.md": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let (sources, diagnostics) = ManifestLoader().load([root.path, root.path + "/nope.yaml"])
        #expect(sources.isEmpty)
        #expect(diagnostics.map(\.code) == [.unreadableInput, .unreadableInput])
        #expect(diagnostics[0].message.contains("no manifest files"))
        #expect(diagnostics[1].message.contains("no such file or directory"))
    }
}
