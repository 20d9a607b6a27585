import Foundation
import SecretStores
import TestSupport
import Testing

/// One scenario per store that exercises every path that produces output (listings, descriptions, every kind
/// of error, plugin diagnostics, plugin argv and environment), then searches all of it for every secret written.
@Suite("Secret leak check")
struct SecretLeakTests {
    @Test("no secret written appears in any output", arguments: SecretStoreKind.allCases)
    func noLeaks(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let store = subject.store
            let key = try SecretEntryPath("service-accounts/payments-signer")
            let webhook = try SecretEntryPath("webhooks/orders")
            for _ in 0..<3 {
                let keySample = subject.keySample()
                let written = try await subject.writePending(keySample, to: key)
                subject.leaks.capture(String(describing: written), label: "version description")
                subject.leaks.capture(String(describing: try await store.promote(key)), label: "promote result")
                try await subject.writePending(subject.webhookSample(), to: webhook)
                try await store.promote(webhook)
                subject.clock.advance(by: 86_400)
            }
            try await subject.writePending(subject.keySample(), to: key)
            try await store.rollback(key)

            for stage in SecretStage.allCases {
                if let material = try? await store.readValue(of: key, stage: stage) {
                    var dumped = ""
                    dump(material, to: &dumped)
                    subject.leaks.capture("\(material) \(String(reflecting: material)) \(dumped)", label: "material")
                }
            }
            // Every error a caller can provoke with a secret in hand.
            let sample = subject.keySample()
            await subject.expectError(.missingFingerprint(key)) {
                try await store.writePending(sample.material, to: key, fingerprint: nil)
            }
            await subject.expectError(.malformedFingerprint(key, fingerprint: "nope")) {
                try await store.writePending(sample.material, to: key, fingerprint: "nope")
            }
            let secret = subject.webhookSample()
            let wrong = "sha256:ffffffffffffffff"
            await subject.expectError(.fingerprintMismatch(webhook, given: wrong, computed: secret.fingerprint)) {
                try await store.writePending(secret.material, to: webhook, fingerprint: wrong)
            }
            await subject.expectError(.stageNotFound(webhook, .previous)) {
                try await store.dropStage(.previous, of: webhook)
                return try await store.readValue(of: webhook, stage: .previous)
            }
            try await subject.captureDescriptions()
            let (secrets, outputs) = subject.leaks.counts
            #expect(secrets >= 12)
            #expect(outputs >= 8)
        }
    }

    @Test("exported files hold the value; nothing else printed does")
    func export() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "leak-export")
        defer { scratch.remove() }
        let leaks = SecretLeakWatch()
        let sample = leaks.watch(.privateKey())
        let store = InMemorySecretStore()
        let entry = try SecretEntryPath("service-accounts/exported")
        _ = try await store.writePending(sample.material, to: entry, fingerprint: sample.fingerprint)
        let path = scratch.appending("out.pem")
        try SecretExport.writeToNewFile(try await store.readValue(of: entry, stage: .pending), path: path)
        do {
            try SecretExport.writeToNewFile(sample.material, path: path)
        } catch {
            leaks.capture(error)
        }
        leaks.capture(SecretListing.render(try await store.listAll(), now: Date()), label: "listing")
        leaks.expectNoLeaks()
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(sample.secretValues[0]))
    }
}
