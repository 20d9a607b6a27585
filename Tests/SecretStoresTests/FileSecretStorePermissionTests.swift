import Foundation
import SecretStores
import TestSupport
import Testing

@Suite("FileSecretStore permissions")
struct FileSecretStorePermissionTests {
    @Test("files are 0600 and folders 0700 after every operation")
    func modesAfterEveryOperation() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "modes")
        defer { scratch.remove() }
        let root = scratch.appending("store")
        let store = try FileSecretStore(rootPath: root)
        #expect(FileModeAudit.violations(under: root) == [])
        let entry = try SecretEntryPath("service-accounts/deep/payments-signer")
        let sample = SecretStoreSampleMaterial.privateKey()
        let steps: [(String, () async throws -> Void)] = [
            (
                "writePending",
                { _ = try await store.writePending(sample.material, to: entry, fingerprint: sample.fingerprint) }
            ),
            ("promote", { try await store.promote(entry) }),
            ("writePending", { _ = try await store.writePending(.webhookSecret("s1"), to: entry) }),
            ("promote", { try await store.promote(entry) }),
            ("readValue", { _ = try await store.readValue(of: entry, stage: .current) }),
            ("rollback", { try await store.rollback(entry) }),
            ("dropStage", { try await store.dropStage(.current, of: entry) }),
            ("list", { _ = try await store.listAll() }),
            ("removeLeftovers", { _ = try await store.removeLeftovers() }),
        ]
        for (name, step) in steps {
            try await step()
            #expect(FileModeAudit.violations(under: root) == [], "after \(name)")
        }
    }

    @Test(
        "a store directory open to group or others is refused, with the chmod that fixes it",
        arguments: [0o755, 0o750, 0o705, 0o710, 0o701, 0o720, 0o702, 0o777] as [mode_t]
    )
    func insecureRootRefused(mode: mode_t) throws {
        let scratch = try SecretStoreScratchDirectory(label: "insecure")
        defer { scratch.remove() }
        let root = scratch.appending("store")
        #expect(mkdir(root, 0o700) == 0)
        #expect(chmod(root, mode) == 0)
        let error = #expect(throws: SecretStoreError.self) { try FileSecretStore(rootPath: root) }
        #expect(error == .insecureStoreDirectory(path: root, mode: UInt32(mode)))
        #expect(error?.description.contains("chmod 700 \(root)") == true)
    }

    @Test("a store whose directory is opened up later refuses every operation")
    func insecureLater() async throws {
        let scratch = try SecretStoreScratchDirectory(label: "opened-up")
        defer { scratch.remove() }
        let root = scratch.appending("store")
        let store = try FileSecretStore(rootPath: root)
        let entry = try SecretEntryPath("webhooks/orders")
        _ = try await store.writePending(.webhookSecret("secret-one"), to: entry)
        #expect(chmod(root, 0o755) == 0)
        await #expect(throws: SecretStoreError.insecureStoreDirectory(path: root, mode: 0o755)) {
            try await store.readValue(of: entry, stage: .pending)
        }
        await #expect(throws: SecretStoreError.insecureStoreDirectory(path: root, mode: 0o755)) {
            try await store.listAll()
        }
        await #expect(throws: SecretStoreError.insecureStoreDirectory(path: root, mode: 0o755)) {
            try await store.promote(entry)
        }
    }

    @Test("a missing store directory is created 0700, with its missing parents")
    func createsRoot() throws {
        let scratch = try SecretStoreScratchDirectory(label: "create")
        defer { scratch.remove() }
        let root = scratch.appending("a/b/store")
        let store = try FileSecretStore(rootPath: root + "/")
        #expect(store.rootPath == root)
        #expect(FileModeAudit.violations(under: scratch.path) == [])
    }

    @Test("a store path that is a file is refused")
    func fileAsRoot() throws {
        let scratch = try SecretStoreScratchDirectory(label: "file-root")
        defer { scratch.remove() }
        let path = scratch.appending("not-a-directory")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: SecretStoreError.notADirectory(path: path)) { try FileSecretStore(rootPath: path) }
    }
}
