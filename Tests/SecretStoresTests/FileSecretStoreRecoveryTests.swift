import Foundation
import SecretStores
import TestSupport
import Testing

@Suite("FileSecretStore recovery and locking")
struct FileSecretStoreRecoveryTests {
    @Test("temporary files and unreferenced or torn versions are ignored by readers and removed by the next writer")
    func leftoversIgnoredThenRemoved() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "leftovers")
        defer { scratch.remove() }
        let store = try FileSecretStore(rootPath: scratch.appending("store"))
        let entry = try SecretEntryPath("webhooks/orders")
        let folder = scratch.appending("store/webhooks/orders")
        let current = SecretStoreSampleMaterial.webhookSecret()
        _ = try await store.writePending(current.material, to: entry)
        let before = try await store.promote(entry)

        let complete = try Data(contentsOf: URL(fileURLWithPath: folder + "/@v1.json"))
        try writeFile(folder + "/@tmp.crashed", complete.prefix(10))
        try writeFile(folder + "/@v7.json", complete)
        try writeFile(folder + "/@v8.json", complete.prefix(complete.count / 2))

        #expect(try await store.metadata(of: entry) == before)
        #expect(try await store.readValue(of: entry, stage: .current) == current.material)
        #expect(try await store.listAll() == [before])

        _ = try await store.writePending(SecretStoreSampleMaterial.webhookSecret().material, to: entry)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["@labels.json", "@lock", "@v1.json", "@v2.json"])
    }

    @Test("removeLeftovers cleans every entry and reports how many files it removed")
    func removeLeftovers() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "sweep")
        defer { scratch.remove() }
        let store = try FileSecretStore(rootPath: scratch.appending("store"))
        for path in ["a", "a/b", "c/d"] {
            _ = try await store.writePending(.webhookSecret("secret-\(path)"), to: SecretEntryPath(path))
            try writeFile(scratch.appending("store/\(path)/@tmp.x"), Data("partial".utf8))
            try writeFile(scratch.appending("store/\(path)/@v9.json"), Data("{".utf8))
        }
        #expect(try await store.removeLeftovers() == 6)
        #expect(try await store.removeLeftovers() == 0)
        #expect(try await store.listAll().count == 3)
        #expect(FileModeAudit.violations(under: scratch.appending("store")) == [])
    }

    @Test("a corrupt labels file is reported without its contents")
    func corruptLabels() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "corrupt")
        defer { scratch.remove() }
        let store = try FileSecretStore(rootPath: scratch.appending("store"))
        let entry = try SecretEntryPath("webhooks/orders")
        _ = try await store.writePending(.webhookSecret("secret-value"), to: entry)
        try writeFile(scratch.appending("store/webhooks/orders/@labels.json"), Data("{\"format\": SENSITIVE".utf8))
        let error = await #expect(throws: SecretStoreError.self) { try await store.metadata(of: entry) }
        #expect(error?.description.contains("SENSITIVE") == false)
        #expect(error?.description.contains("webhooks/orders") == true)
    }

    @Test("labels that name a missing version file are reported as corrupt")
    func missingVersionFile() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "missing-version")
        defer { scratch.remove() }
        let store = try FileSecretStore(rootPath: scratch.appending("store"))
        let entry = try SecretEntryPath("webhooks/orders")
        _ = try await store.writePending(.webhookSecret("secret-value"), to: entry)
        #expect(unlink(scratch.appending("store/webhooks/orders/@v1.json")) == 0)
        await #expect(throws: SecretStoreError.corruptEntry(entry, detail: "the file of version 1 is missing")) {
            try await store.readValue(of: entry, stage: .pending)
        }
    }

    @Test("an entry locked by another process makes writers and readers wait, then time out")
    func lockedByAnotherProcess() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "locked")
        defer { scratch.remove() }
        let store = try FileSecretStore(rootPath: scratch.appending("store"), lockTimeout: .milliseconds(300))
        let entry = try SecretEntryPath("service-accounts/payments-signer")
        _ = try await store.writePending(.webhookSecret("secret-value"), to: entry)

        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/bash")
        let lockFile = scratch.appending("store/service-accounts/payments-signer/@lock")
        // One process that takes the lock and keeps it until it is terminated.
        holder.arguments = [
            "-c", "exec 9>>\"$1\" && flock --exclusive 9 && echo locked && exec sleep 30", "holder", lockFile,
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { kill(holder.processIdentifier, SIGKILL) }
        let reader = output.fileHandleForReading
        _ = await OffPool.wait { reader.availableData }  // "locked": the holder has the lock.

        let started = ContinuousClock.now
        await #expect(throws: SecretStoreError.entryLocked(entry, waited: .milliseconds(300))) {
            try await store.promote(entry)
        }
        await #expect(throws: SecretStoreError.entryLocked(entry, waited: .milliseconds(300))) {
            try await store.readValue(of: entry, stage: .pending)
        }
        #expect(ContinuousClock.now - started >= .milliseconds(600))
        #expect(try await store.metadata(of: entry)?.pending != nil, "metadata reads need no lock")

        kill(holder.processIdentifier, SIGKILL)
        await holder.exited()
        try await store.promote(entry)
        #expect(try await store.metadata(of: entry)?.current?.version == 1)
    }

    @Test("two store values over one directory serialise their writers through flock")
    func twoInstances() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "two-instances")
        defer { scratch.remove() }
        let stores = try (0..<2).map { _ in try FileSecretStore(rootPath: scratch.appending("store")) }
        let entry = try SecretEntryPath("webhooks/busy")
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<10 {
                let store = stores[index % 2]
                group.addTask { try await store.writePending(.webhookSecret("secret-\(index)"), to: entry).version }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(versions == Set(1...10), "every writer saw the previous writer's labels")
        let final = try #require(try await stores[1].metadata(of: entry))
        #expect(final.pending?.version == 10)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.appending("store/webhooks/busy"))
        #expect(names.filter { $0.hasPrefix("@v") } == ["@v10.json"])
    }

    private func writeFile(_ path: String, _ data: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
