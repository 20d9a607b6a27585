import Foundation
import SecretStores
import TestSupport
import Testing

/// The behaviour every ``SecretStore`` must have. Each test runs against the in-memory, file and exec (with
/// examples/secret-store-plugins/dir-store.sh) stores; after each, file modes are audited (file store) and
/// every captured output is searched for the secrets written.
@Suite("SecretStore contract")
struct SecretStoreContractTests {
    @Test("a missing entry has no metadata, value or labels to move", arguments: SecretStoreKind.allCases)
    func missingEntry(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("service-accounts/absent")
            #expect(try await subject.store.metadata(of: entry) == nil)
            #expect(try await subject.store.listAll().isEmpty)
            await subject.expectError(.entryNotFound(entry)) {
                try await subject.store.readValue(of: entry, stage: .current)
            }
            await subject.expectError(.entryNotFound(entry)) { try await subject.store.promote(entry) }
            await subject.expectError(.entryNotFound(entry)) { try await subject.store.rollback(entry) }
            await subject.expectError(.entryNotFound(entry)) {
                try await subject.store.dropStage(.previous, of: entry)
            }
        }
    }

    @Test(
        "a written version is pending, readable, and described without its value", arguments: SecretStoreKind.allCases)
    func writePending(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("service-accounts/payments-signer")
            let sample = subject.keySample()
            let metadata = SecretVersionMetadata(generation: 3, principalId: "sa-123")
            let written = try await subject.writePending(sample, to: entry, metadata: metadata)

            #expect(written.version == 1)
            #expect(written.fingerprint == sample.fingerprint)
            #expect(written.kind == .privateKey)
            #expect(written.createdAt == subject.clock.now)
            #expect(written.metadata.generation == 3)
            #expect(written.metadata.principalId == "sa-123")
            #expect(written.metadata.credentialId == sample.material.credentialId)

            let described = try #require(try await subject.store.metadata(of: entry))
            #expect(described == EntryMetadata(entry: entry, pending: written))
            #expect(try await subject.store.readValue(of: entry, stage: .pending) == sample.material)
            await subject.expectError(.stageNotFound(entry, .current)) {
                try await subject.store.readValue(of: entry, stage: .current)
            }
            try await subject.captureDescriptions()
        }
    }

    @Test("a second pending write replaces the first, with a higher version", arguments: SecretStoreKind.allCases)
    func pendingIsReplaced(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("webhooks/orders")
            let first = try await subject.writePending(subject.webhookSample(), to: entry)
            let replacement = subject.webhookSample()
            let second = try await subject.writePending(replacement, to: entry)

            #expect(second.version > first.version)
            #expect(try await subject.store.metadata(of: entry)?.pending == second)
            #expect(try await subject.store.readValue(of: entry, stage: .pending) == replacement.material)
        }
    }

    @Test(
        "promote moves pending to current, current to previous, and deletes the old previous",
        arguments: SecretStoreKind.allCases)
    func promote(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("pats/deployer")
            let samples = (0..<3).map { _ in subject.keySample() }
            var written: [SecretVersionInfo] = []
            for sample in samples {
                subject.clock.advance(by: 3_600)
                written.append(try await subject.writePending(sample, to: entry))
                try await subject.store.promote(entry)
            }
            let after = try #require(try await subject.store.metadata(of: entry))
            #expect(after == EntryMetadata(entry: entry, current: written[2], previous: written[1]))
            #expect(try await subject.store.readValue(of: entry, stage: .current) == samples[2].material)
            #expect(try await subject.store.readValue(of: entry, stage: .previous) == samples[1].material)
            await subject.expectError(.stageNotFound(entry, .pending)) { try await subject.store.promote(entry) }
            #expect(try await subject.store.metadata(of: entry) == after)
        }
    }

    @Test("promote with no current leaves previous in place", arguments: SecretStoreKind.allCases)
    func promoteWithoutCurrent(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("pats/ci")
            let first = try await subject.writePending(subject.keySample(), to: entry)
            try await subject.store.promote(entry)
            let second = try await subject.writePending(subject.keySample(), to: entry)
            try await subject.store.promote(entry)
            try await subject.store.dropStage(.current, of: entry)
            #expect(second.version > first.version)
            let third = try await subject.writePending(subject.keySample(), to: entry)
            let after = try await subject.store.promote(entry)
            #expect(after == EntryMetadata(entry: entry, current: third, previous: first))
        }
    }

    @Test(
        "rollback makes previous current again, deletes the rolled-back version, keeps pending",
        arguments: SecretStoreKind.allCases)
    func rollback(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("service-accounts/payments-signer")
            let old = subject.keySample()
            let new = subject.keySample()
            let oldVersion = try await subject.writePending(old, to: entry)
            try await subject.store.promote(entry)
            try await subject.writePending(new, to: entry)
            try await subject.store.promote(entry)
            let staged = try await subject.writePending(subject.keySample(), to: entry)

            let after = try await subject.store.rollback(entry)
            #expect(after == EntryMetadata(entry: entry, pending: staged, current: oldVersion))
            #expect(try await subject.store.readValue(of: entry, stage: .current) == old.material)
            #expect(try await subject.store.metadata(of: entry) == after)
            await subject.expectError(.stageNotFound(entry, .previous)) { try await subject.store.rollback(entry) }
        }
    }

    @Test(
        "a rollback's hold is written with the restored version's metadata and read back; the next version has none",
        arguments: SecretStoreKind.allCases)
    func rollbackHolding(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("service-accounts/payments-signer")
            for _ in 0..<2 {
                try await subject.writePending(subject.keySample(), to: entry)
                try await subject.store.promote(entry)
            }
            let hold = RotationHold(
                since: Date(timeIntervalSince1970: 1_800_000_000), trigger: "2027-q1", rolledBackGeneration: 2)
            let after = try await subject.store.rollback(entry, holding: hold)
            #expect(after.current?.metadata.hold == hold)
            #expect(try await subject.store.metadata(of: entry)?.current?.metadata.hold == hold)

            // The next generation is not held.
            try await subject.writePending(subject.keySample(), to: entry)
            let promoted = try await subject.store.promote(entry)
            #expect(promoted.current?.metadata.hold == nil)
            #expect(promoted.previous?.metadata.hold == hold)
        }
    }

    @Test("version metadata written before holds existed decodes with no hold")
    func metadataWithoutHold() throws {
        let old = #"{"credentialId":"Y3JlZA","generation":3,"principalId":"us-1","trigger":"q1"}"#
        let metadata = try JSONDecoder().decode(SecretVersionMetadata.self, from: Data(old.utf8))
        #expect(
            metadata == SecretVersionMetadata(credentialId: "Y3JlZA", generation: 3, principalId: "us-1", trigger: "q1")
        )
    }

    @Test(
        "dropping a stage deletes its version; dropping an empty stage changes nothing",
        arguments: SecretStoreKind.allCases)
    func dropStage(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("webhooks/payouts")
            let first = try await subject.writePending(subject.webhookSample(), to: entry)
            try await subject.store.promote(entry)
            let second = try await subject.writePending(subject.webhookSample(), to: entry)
            try await subject.store.promote(entry)

            let dropped = try await subject.store.dropStage(.previous, of: entry)
            #expect(dropped == EntryMetadata(entry: entry, current: second))
            #expect(try await subject.store.dropStage(.previous, of: entry) == dropped)
            #expect(try await subject.store.dropStage(.pending, of: entry) == dropped)
            await subject.expectError(.stageNotFound(entry, .previous)) {
                try await subject.store.readValue(of: entry, stage: .previous)
            }
            try await subject.store.dropStage(.current, of: entry)
            #expect(try await subject.store.metadata(of: entry) == EntryMetadata(entry: entry))
            let third = try await subject.writePending(subject.webhookSample(), to: entry)
            #expect(third.version > second.version && second.version > first.version)
        }
    }

    @Test(
        "webhook fingerprints are computed; key fingerprints are required and checked",
        arguments: SecretStoreKind.allCases)
    func fingerprints(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let webhook = try SecretEntryPath.test("webhooks/orders")
            let secret = subject.webhookSample()
            let written = try await subject.store.writePending(secret.material, to: webhook, fingerprint: nil)
            #expect(written.fingerprint == secret.fingerprint)
            #expect(SecretFingerprint.isWellFormed(written.fingerprint))
            let wrong = "sha256:0000000000000000"
            await subject.expectError(.fingerprintMismatch(webhook, given: wrong, computed: secret.fingerprint)) {
                try await subject.store.writePending(secret.material, to: webhook, fingerprint: wrong)
            }

            let key = try SecretEntryPath.test("service-accounts/new")
            let sample = subject.keySample()
            await subject.expectError(.missingFingerprint(key)) {
                try await subject.store.writePending(sample.material, to: key, fingerprint: nil)
            }
            await subject.expectError(.malformedFingerprint(key, fingerprint: "sha256:XYZ")) {
                try await subject.store.writePending(sample.material, to: key, fingerprint: "sha256:XYZ")
            }
            await subject.expectError(.emptyMaterial(key)) {
                try await subject.store.writePending(.webhookSecret(""), to: key, fingerprint: nil)
            }
            #expect(try await subject.store.metadata(of: key) == nil)
            #expect(try await subject.store.metadata(of: webhook)?.pending == written)
        }
    }

    @Test("list returns entries at or below a prefix, component-wise, sorted", arguments: SecretStoreKind.allCases)
    func list(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let paths = [
                "service-accounts/b", "service-accounts/a", "service-accounts/a/nested", "service-accounts-old/x",
                "webhooks/orders",
            ]
            for path in paths {
                try await subject.writePending(subject.webhookSample(), to: SecretEntryPath.test(path))
            }
            let all = try await subject.store.listAll().map(\.entry.rawValue)
            #expect(
                all == [
                    "service-accounts/a", "service-accounts/a/nested", "service-accounts/b", "service-accounts-old/x",
                    "webhooks/orders",
                ])
            let accounts = try await subject.store.list(under: SecretEntryPath.test("service-accounts")).map(
                \.entry.rawValue)
            #expect(accounts == ["service-accounts/a", "service-accounts/a/nested", "service-accounts/b"])
            let single = try await subject.store.list(under: SecretEntryPath.test("service-accounts/a/nested"))
            #expect(single.map(\.entry.rawValue) == ["service-accounts/a/nested"])
            #expect(single.first?.pending != nil)
            #expect(try await subject.store.list(under: SecretEntryPath.test("nothing/here")).isEmpty)
            try await subject.captureDescriptions()
        }
    }

    @Test("both kinds of material round-trip exactly", arguments: SecretStoreKind.allCases)
    func materialRoundTrip(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let samples = [subject.keySample(withToken: false), subject.keySample(), subject.webhookSample()]
            for (offset, sample) in samples.enumerated() {
                let entry = try SecretEntryPath.test("round-trip/\(offset)")
                try await subject.writePending(sample, to: entry)
                let read = try await subject.store.readValue(of: entry, stage: .pending)
                #expect(read == sample.material)
                #expect(read.kind == sample.material.kind)
            }
            let tricky = SecretMaterial.privateKey(
                pem: "line1\n\"quoted\" \\ ünïcödé\n", credentialId: nil, token: "t/+=")
            let entry = try SecretEntryPath.test("round-trip/tricky")
            _ = try await subject.store.writePending(tricky, to: entry, fingerprint: "sha256:0123456789abcdef")
            #expect(try await subject.store.readValue(of: entry, stage: .pending) == tricky)
        }
    }

    @Test("concurrent writers of one entry are serialised", arguments: SecretStoreKind.allCases)
    func concurrentWriters(kind: SecretStoreKind) async throws {
        try await SecretStoreUnderTest.run(kind) { subject in
            let entry = try SecretEntryPath.test("service-accounts/busy")
            let writers = 6
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<writers {
                    let sample = subject.keySample()
                    group.addTask {
                        let written = try await subject.writePending(sample, to: entry)
                        return written.version
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(versions) == Set(1...writers))
            let pending = try #require(try await subject.store.metadata(of: entry)?.pending)
            #expect(pending.version == writers)
            let value = try await subject.store.readValue(of: entry, stage: .pending)
            #expect(value.privateKeyPEM.map { SecretFingerprint.of(Array($0.utf8)) } == pending.fingerprint)
        }
    }
}
