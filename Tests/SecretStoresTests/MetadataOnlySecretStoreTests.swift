import Foundation
import SecretStores
import TestSupport
import Testing

/// `plan --metadata-only` opens every store through `MetadataOnlySecretStore`: metadata reads pass through, and
/// every value read or write is refused before the underlying store is asked.
@Suite("metadata-only secret store")
struct MetadataOnlySecretStoreTests {
    @Test("metadata and listings pass through; reads, writes and label moves are refused without touching the store")
    func refusesValues() async throws {
        let base: any SecretStore = InMemorySecretStore()
        let entry = try SecretEntryPath("service-accounts/planner")
        let sample = SecretStoreSampleMaterial.privateKey()
        _ = try await base.writePending(sample.material, to: entry, fingerprint: sample.fingerprint)
        try await base.promote(entry)
        let store = MetadataOnlySecretStore(base)

        let expected = try await base.metadata(of: entry)
        #expect(try await store.metadata(of: entry) == expected)
        #expect(try await store.listAll().map(\.entry) == [entry])
        await #expect(throws: SecretStoreError.metadataOnly(entry, operation: "read the current value of")) {
            _ = try await store.readValue(of: entry, stage: .current)
        }
        await #expect(throws: SecretStoreError.metadataOnly(entry, operation: "write")) {
            _ = try await store.writePending(sample.material, to: entry, fingerprint: sample.fingerprint)
        }
        await #expect(throws: SecretStoreError.metadataOnly(entry, operation: "change the labels of")) {
            try await store.promote(entry)
        }
        let after = try await base.metadata(of: entry)
        #expect(after?.pending == nil && after?.current?.version == 1, "the base store is unchanged")
        let message = SecretStoreError.metadataOnly(entry, operation: "write").description
        #expect(message.contains("metadata only") && message.contains("service-accounts/planner"))
    }
}
