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

    /// Issue 14: `manifests/evil.yaml -> ../k.pem` in a pull request must not get the key quoted in an error.
    @Test("a symbolic link out of the manifest directories is not read, and nothing of its target is quoted")
    func symlinkOutOfTheRootIsRefused() throws {
        let secret =
            "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgU2VjcmV0S2V5\n"
            + "-----END PRIVATE KEY-----\n"
        let root = try directory(with: [
            "k.pem": secret, "manifests/ok.yaml": "a: 1\n", "manifests/sub/in.yaml": "b: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let manifests = root.appendingPathComponent("manifests")
        try FileManager.default.createSymbolicLink(
            atPath: manifests.appendingPathComponent("evil.yaml").path, withDestinationPath: "../k.pem")
        // A link that stays inside the directory is an ordinary file.
        try FileManager.default.createSymbolicLink(
            atPath: manifests.appendingPathComponent("alias.yaml").path, withDestinationPath: "sub/in.yaml")

        let (sources, diagnostics) = ManifestLoader().load([manifests.path])
        #expect(sources.map { ($0.path as NSString).lastPathComponent } == ["alias.yaml", "ok.yaml", "in.yaml"])
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("symbolic link"), "\(diagnostics)")
        // Named directly, it is refused too.
        let direct = ManifestLoader().load([manifests.appendingPathComponent("evil.yaml").path])
        #expect(direct.sources.isEmpty && direct.diagnostics.count == 1)
        for diagnostic in diagnostics + direct.diagnostics {
            #expect(!"\(diagnostic.message) \(diagnostic.hint ?? "")".contains("MIGHAgEA"))
        }
    }

    /// Issue 14: a value longer than a short prefix is never quoted whole, folded or not.
    @Test("a long scalar in an error is quoted only by its first characters and its length")
    func longScalarsAreExcerpted() {
        let body = String(repeating: "U2VjcmV0S2V5", count: 20)
        let validation = ManifestValidator().validate(
            "apiVersion: dfnsops.dev/v1alpha1\nkind: \(body)\nmetadata: {name: a}\nspec: {}\n", file: "x.yaml")
        let messages = validation.diagnostics.map { "\($0.message) \($0.hint ?? "")" }.joined(separator: "\n")
        #expect(messages.contains("(240 characters)"), "\(messages)")
        #expect(!messages.contains(String(body.prefix(Excerpt.limit + 1))), "\(messages)")
    }
}
