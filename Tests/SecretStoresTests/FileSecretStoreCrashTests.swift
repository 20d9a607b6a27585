import Foundation
import SecretStores
import TestSupport
import Testing

/// Kills a child process (`secret-store-crash-child`) that writes, promotes, rolls back and drops versions in a
/// file store, with SIGKILL at random moments, and checks after every kill that the store opens consistent.
@Suite("FileSecretStore crash safety")
struct FileSecretStoreCrashTests {
    static let kills = 200

    @Test("SIGKILL at random moments, 200 times: every reopen finds complete versions behind every label")
    func randomKills() async throws {
        let child = try #require(
            SecretStoreTestPaths.crashChild,
            "build the crash child first: swift build --build-tests (target secret-store-crash-child)")
        let scratch = try SecretStoreScratchDirectory(label: "crash")
        defer { scratch.remove() }
        let root = scratch.appending("store")
        _ = try FileSecretStore(rootPath: root)

        var leftoversSeen = 0
        var versionsChecked = 0
        var statesWithPending = 0
        var generator = SystemRandomNumberGenerator()
        for round in 0..<Self.kills {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: child)
            process.arguments = [root, String(UInt64.random(in: 1...UInt64.max, using: &generator))]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Wait until the child has done one operation, then let it run for a random while and kill it.
            let reader = output.fileHandleForReading
            let ready = await OffPool.wait { reader.readData(ofLength: 6) }
            #expect(String(decoding: ready, as: UTF8.self) == "ready\n", "round \(round): child did not start")
            try await Task.sleep(for: .microseconds(Int.random(in: 0...25_000, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            await process.exited()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): child exited on its own")

            let store = try FileSecretStore(rootPath: root)
            let entries = try await store.listAll()
            for entry in entries {
                let staged = entry.stagedVersions
                #expect(
                    Set(staged.map(\.version.version)).count == staged.count,
                    "round \(round): two labels share a version")
                if entry.pending != nil { statesWithPending += 1 }
                for (stage, info) in staged {
                    let material = try await store.readValue(of: entry.entry, stage: stage)
                    #expect(
                        Self.fingerprint(of: material) == info.fingerprint,
                        "round \(round): \(entry.entry) \(stage) is torn")
                    #expect(material.kind == info.kind)
                    versionsChecked += 1
                }
            }
            leftoversSeen += try await store.removeLeftovers()
            #expect(Self.onDiskMatchesLabels(root: root, entries: entries), "round \(round): files and labels disagree")
            #expect(FileModeAudit.violations(under: root) == [], "round \(round): wrong modes")
        }
        #expect(versionsChecked > Self.kills, "the child must have left versions behind")
        #expect(statesWithPending > 0)
        print(
            "crash test: \(Self.kills) SIGKILLs, \(versionsChecked) labelled versions verified, "
                + "\(leftoversSeen) leftover files (temporary or unreferenced) cleaned")
    }

    private static func fingerprint(of material: SecretMaterial) -> String? {
        if let pem = material.privateKeyPEM { return SecretFingerprint.of(Array(pem.utf8)) }
        return material.webhookSecret.map(SecretFingerprint.ofWebhookSecret)
    }

    /// After cleaning, each entry folder holds exactly the version files its labels name, and no temporary file.
    private static func onDiskMatchesLabels(root: String, entries: [EntryMetadata]) -> Bool {
        entries.allSatisfy { entry in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + entry.entry.rawValue)) ?? []
            let versionFiles = Set(names.filter { $0.hasPrefix("@v") })
            let labelled = Set(entry.stagedVersions.map { "@v\($0.version.version).json" })
            return versionFiles == labelled && !names.contains { $0.hasPrefix("@tmp.") }
        }
    }
}
