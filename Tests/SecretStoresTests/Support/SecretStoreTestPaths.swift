import Foundation

/// Paths the secret-store tests need: the repository, the example plugin, the crash child.
enum SecretStoreTestPaths {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// examples/secret-store-plugins/dir-store.sh.
    static var dirStorePlugin: String {
        repositoryRoot + "/examples/secret-store-plugins/dir-store.sh"
    }

    /// The built `secret-store-crash-child`, next to the test bundle (`swift build --build-tests` builds it).
    static var crashChild: String? {
        var candidates: [String] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((executable as NSString).deletingLastPathComponent + "/secret-store-crash-child")
        }
        candidates.append(repositoryRoot + "/.build/debug/secret-store-crash-child")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
