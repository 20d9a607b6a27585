import Foundation
import SecretStores
import Synchronization
import TestSupport
import Testing

/// Collects the secret values a test writes and every piece of output it sees (error descriptions, listings,
/// descriptions, plugin stderr and logs), then checks that no secret appears in any output.
final class SecretLeakWatch: Sendable {
    private struct State {
        var secrets: Set<String> = []
        var outputs: [(label: String, text: String)] = []
    }

    private let state = Mutex(State())

    /// Records a sample's secret values and returns the sample.
    @discardableResult
    func watch(_ sample: SecretStoreSampleMaterial) -> SecretStoreSampleMaterial {
        state.withLock { $0.secrets.formUnion(sample.secretValues) }
        return sample
    }

    /// Records a secret value that does not come from a sample.
    func watch(secret: String) {
        state.withLock { _ = $0.secrets.insert(secret) }
    }

    /// Records output to search.
    func capture(_ text: String, label: String) {
        state.withLock { $0.outputs.append((label, text)) }
    }

    /// Records an error's descriptions.
    func capture(_ error: any Error) {
        capture(String(describing: error), label: "error description")
        capture(error.localizedDescription, label: "error localizedDescription")
        capture(String(reflecting: error), label: "error debug description")
    }

    /// The number of secrets and outputs recorded.
    var counts: (secrets: Int, outputs: Int) {
        state.withLock { ($0.secrets.count, $0.outputs.count) }
    }

    /// Fails the test for every secret found in any output.
    func expectNoLeaks(sourceLocation: SourceLocation = #_sourceLocation) {
        let snapshot = state.withLock { $0 }
        for output in snapshot.outputs {
            for secret in snapshot.secrets where output.text.contains(secret) {
                Issue.record("a secret value leaked into \(output.label)", sourceLocation: sourceLocation)
            }
        }
    }
}
