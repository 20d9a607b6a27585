import Foundation
import SecretStores
import TestSupport
import Testing

/// The store implementations the contract suite runs against.
enum SecretStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory
    case file
    case exec

    var testDescription: String { rawValue }
}

/// One store for one test, with everything the test needs to check it afterwards: its scratch directory, its
/// clock, and a leak watch fed with plugin stderr and the plugin's argv and environment.
struct SecretStoreUnderTest: Sendable {
    let kind: SecretStoreKind
    let store: any SecretStore
    let clock: SecretStoreTestClock
    let scratch: SecretStoreScratchDirectory
    let leaks: SecretLeakWatch

    /// The file store's root, or the exec plugin's directory.
    var storeRoot: String { scratch.appending("store") }

    /// Creates a store of the given kind in a fresh scratch directory.
    static func make(_ kind: SecretStoreKind) throws -> SecretStoreUnderTest {
        let scratch = try SecretStoreScratchDirectory(label: "contract-\(kind.rawValue)")
        let clock = SecretStoreTestClock()
        let leaks = SecretLeakWatch()
        let root = scratch.appending("store")
        let store: any SecretStore
        switch kind {
        case .inMemory:
            store = InMemorySecretStore(now: clock.reading)
        case .file:
            // Generous lock and plugin timeouts: concurrent writers queue behind each other's fsyncs and plugin
            // runs on cores and disks that parallel tests and other builds share; no test here expects a timeout.
            store = try FileSecretStore(rootPath: root, lockTimeout: .seconds(120), now: clock.reading)
        case .exec:
            // A wrapper records the plugin's argv and environment and copies its stderr, for the leak check.
            let script = """
                printf '%s\\n' "$0" "$@" >> '\(scratch.appending("plugin-argv.log"))'
                env >> '\(scratch.appending("plugin-env.log"))'
                exec '\(SecretStoreTestPaths.dirStorePlugin)' '\(root)' "$@" 2> >(tee -a '\(scratch.appending("plugin-stderr.log"))' >&2)
                """
            store = try ExecSecretStore(
                command: ["/bin/bash", "-c", script, "dir-store-wrapper"],
                timeout: .seconds(120),
                now: clock.reading,
                diagnostics: { leaks.capture($0, label: "plugin diagnostics") }
            )
        }
        return SecretStoreUnderTest(kind: kind, store: store, clock: clock, scratch: scratch, leaks: leaks)
    }

    /// Runs a test body against a fresh store, then checks file modes (file store), searches every captured
    /// output for the secrets written, and removes the scratch directory.
    static func run(
        _ kind: SecretStoreKind,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (SecretStoreUnderTest) async throws -> Void
    ) async throws {
        let subject = try make(kind)
        defer { subject.scratch.remove() }
        try await body(subject)
        if kind == .file {
            #expect(FileModeAudit.violations(under: subject.storeRoot) == [], sourceLocation: sourceLocation)
        }
        subject.captureLogs()
        subject.leaks.expectNoLeaks(sourceLocation: sourceLocation)
    }

    /// A new key sample whose secrets the leak watch knows.
    func keySample(withToken: Bool = true) -> SecretStoreSampleMaterial {
        leaks.watch(.privateKey(withToken: withToken))
    }

    /// A new webhook sample whose secret the leak watch knows.
    func webhookSample() -> SecretStoreSampleMaterial {
        leaks.watch(.webhookSecret())
    }

    /// Writes a sample as pending.
    @discardableResult
    func writePending(
        _ sample: SecretStoreSampleMaterial,
        to entry: SecretEntryPath,
        metadata: SecretVersionMetadata = SecretVersionMetadata()
    ) async throws -> SecretVersionInfo {
        let fingerprint = sample.material.kind == .privateKey ? sample.fingerprint : nil
        return try await store.writePending(sample.material, to: entry, fingerprint: fingerprint, metadata: metadata)
    }

    /// Expects an operation to fail with exactly `expected`, and feeds the error to the leak watch.
    func expectError<Result>(
        _ expected: SecretStoreError,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ operation: () async throws -> Result
    ) async {
        do {
            _ = try await operation()
            Issue.record("expected \(expected), but the operation succeeded", sourceLocation: sourceLocation)
        } catch {
            leaks.capture(error)
            #expect(error as? SecretStoreError == expected, sourceLocation: sourceLocation)
        }
    }

    /// Renders the listing and descriptions of the whole store into the leak watch.
    func captureDescriptions() async throws {
        let entries = try await store.listAll()
        leaks.capture(SecretListing.render(entries, now: clock.now), label: "listing")
        leaks.capture(String(describing: entries), label: "metadata description")
    }

    private func captureLogs() {
        for name in ["plugin-argv.log", "plugin-env.log", "plugin-stderr.log"] {
            if let text = try? String(contentsOfFile: scratch.appending(name), encoding: .utf8) {
                leaks.capture(text, label: name)
            }
        }
    }
}

extension SecretEntryPath {
    /// A path the test knows is valid.
    static func test(_ text: String) throws -> SecretEntryPath {
        try SecretEntryPath(text)
    }
}
