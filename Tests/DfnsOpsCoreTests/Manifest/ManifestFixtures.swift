import Foundation

/// Paths of the manifest fixtures, found from this file's location (no bundle resources needed).
enum ManifestFixtures {
    /// `Tests/DfnsOpsCoreTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The package root.
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/DfnsOpsCoreTests/Fixtures/manifests`.
    static let manifests = testsDirectory.appendingPathComponent("Fixtures/manifests")
    /// `Tests/DfnsOpsCoreTests/Fixtures/manifests/bad`.
    static let bad = manifests.appendingPathComponent("bad")
    /// `Tests/DfnsOpsCoreTests/Fixtures/manifests/good`.
    static let good = manifests.appendingPathComponent("good")
    /// `manifests/examples`.
    static let examples = packageRoot.appendingPathComponent("manifests/examples")

    /// The names of the `*.yaml` files directly in `directory`, sorted.
    static func yamlFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The bad corpus, by file name.
    static var badFiles: [String] { yamlFiles(in: bad) }

    /// The text of a fixture file.
    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }
}
