import DfnsAPI
import Foundation

/// A digest of the manifests a plan was made from: `sha256:` and 16 hex digits over every file's
/// path and text, in path order.
public enum ManifestDigest {
    public static func of(_ sources: [ManifestSource]) -> String {
        var data = Data()
        for source in sources.sorted(by: { $0.path < $1.path }) {
            data.append(contentsOf: Array("\(source.path)\u{0}\(source.text.utf8.count)\u{0}".utf8))
            data.append(contentsOf: Array(source.text.utf8))
        }
        return Fingerprint.of(data)
    }
}
