import Foundation
import TestSupport
import Testing

/// The leak harness as every end-to-end run of `dfnsops` uses it: the keys, tokens and webhook secrets in the
/// workspace's stores (and the sandbox's) are registered, then the run's output and the files it wrote are
/// searched for every secret any test registered.
enum LeakCheck {
    /// - Parameter run: names the run in a finding (`dfnsops webhook-receiver stderr`), when given.
    static func run(
        stdout: String, stderr: String, in directory: URL, run: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        await LeakHarness.registerFileStore(at: directory.appendingPathComponent(".dfnsops/secrets").path)
        let sandboxStores = directory.appendingPathComponent(".dfnsops/sandbox/stores")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: sandboxStores.path)) ?? [] {
            await LeakHarness.registerFileStore(at: sandboxStores.appendingPathComponent(name).path)
        }
        LeakHarness.check(
            [(run.map { "\($0) stdout" } ?? "stdout", stdout), (run.map { "\($0) stderr" } ?? "stderr", stderr)]
                + LeakHarness.writtenFiles(in: directory),
            sourceLocation: sourceLocation)
    }
}
