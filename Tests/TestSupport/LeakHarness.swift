import Foundation
import SecretStores
import Synchronization
import Testing

/// Looks for secrets in what dfnsops printed or wrote: every end-to-end run of the binary passes its standard output
/// and error (and the reports and plans it wrote) through ``check(_:sourceLocation:)``.
///
/// The secrets are every one any test registered — the emulator's operator key and token, and every key, token and
/// webhook secret found in the stores the tests' workspaces use — and each is searched for as text, base64 and hex,
/// and, for PEM keys, body line by body line and with its line breaks folded to spaces or removed. A hit fails the
/// test and names where it was found, never the secret.
package enum LeakHarness {
    /// The shortest stretch of a secret that counts as a leak.
    static let window = 24

    private static let registry = Mutex<Set<String>>([])

    /// Adds secrets to look for, in every later check (whichever test makes it).
    package static func register(_ secrets: some Sequence<String>) {
        let usable = secrets.filter { $0.utf8.count >= window }
        guard !usable.isEmpty else { return }
        registry.withLock { $0.formUnion(usable) }
    }

    /// Registers every key, token and webhook secret that a file store under `directory` holds (all stages).
    package static func registerFileStore(at directory: String) async {
        guard FileManager.default.fileExists(atPath: directory),
            let store = try? FileSecretStore(rootPath: directory),
            let entries = try? await store.list(under: nil)
        else { return }
        var found: [String] = []
        for entry in entries {
            for (stage, _) in entry.stagedVersions {
                guard let material = try? await store.readValue(of: entry.entry, stage: stage) else { continue }
                found += [material.privateKeyPEM, material.token, material.webhookSecret].compactMap { $0 }
            }
        }
        register(found)
    }

    /// Registers the operator identity of an emulator's `operator.env`: its token and its key file's PEM.
    package static func registerOperator(_ environment: [String: String]) {
        var secrets = [environment["DFNS_AUTH_TOKEN"]].compactMap { $0 }
        if let keyPath = environment["DFNS_PRIVATE_KEY"],
            let pem = try? String(contentsOfFile: keyPath, encoding: .utf8)
        {
            secrets.append(pem)
        }
        register(secrets)
    }

    /// The strings whose presence means `secret` leaked: itself, base64, hex, and for PEM text each body line, the
    /// body without line breaks, and the whole with its line breaks folded to spaces.
    package static func needles(for secret: String) -> [String] {
        var needles = [secret, Data(secret.utf8).base64EncodedString(), hex(Data(secret.utf8))]
        if secret.contains("-----BEGIN") {
            let body = secret.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.map(String.init)
            needles += body
            needles.append(body.joined())
            needles.append(secret.split(whereSeparator: \.isNewline).joined(separator: " "))
            if let der = Data(base64Encoded: body.joined()) {
                needles += [hex(der), der.base64EncodedString()]
            }
        }
        return needles.filter { $0.utf8.count >= window }
    }

    /// Where any registered secret (or `extra`) appears in `outputs`, as `label (kind of leak)`; never the secret.
    package static func findings(in outputs: [(label: String, text: String)], extra: [String] = []) -> [String] {
        let secrets = registry.withLock { $0 }.union(extra)
        // Indexed by each needle's first bytes, so an output is scanned once however many secrets there are.
        var byPrefix: [ArraySlice<UInt8>: [(needle: [UInt8], kind: String)]] = [:]
        for secret in secrets {
            for (index, needle) in needles(for: secret).enumerated() {
                let bytes = Array(needle.utf8)
                let kind = index == 0 ? "as text" : index == 1 ? "as base64" : index == 2 ? "as hex" : "in part"
                byPrefix[bytes[0..<window], default: []].append((bytes, kind))
            }
        }
        var found: [String] = []
        for (label, text) in outputs {
            let bytes = Array(text.utf8)
            guard bytes.count >= window else { continue }
            var kinds = Set<String>()
            for start in 0...(bytes.count - window) {
                guard let candidates = byPrefix[bytes[start..<(start + window)]] else { continue }
                for (needle, kind) in candidates
                where start + needle.count <= bytes.count && bytes[start..<(start + needle.count)].elementsEqual(needle)
                {
                    kinds.insert(kind)
                }
            }
            found += kinds.sorted().map { "\(label) (a secret \($0))" }
        }
        return found
    }

    /// Fails the running test for each place a secret appears in `outputs`.
    package static func check(
        _ outputs: [(label: String, text: String)], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for finding in findings(in: outputs) {
            Issue.record("a secret leaked: \(finding)", sourceLocation: sourceLocation)
        }
    }

    /// The files a run wrote into `directory` that people or CI keep — plans, reports — outside the stores and the
    /// sandbox, which hold secrets by design.
    package static func writtenFiles(in directory: URL) -> [(label: String, text: String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || ["secrets", "plugins", "manifests"].contains(name) {
                enumerator.skipDescendants()
                continue
            }
            guard ["json", "md", "txt", "sarif", "html", "log"].contains((name as NSString).pathExtension),
                let text = try? String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
            else { continue }
            files.append((relative, text))
        }
        return files
    }

    private static func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }
}
