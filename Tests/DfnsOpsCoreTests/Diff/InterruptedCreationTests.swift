import Foundation
import SecretStores
import Testing

@testable import DfnsOpsCore

/// Telling an interrupted creation (finish or replace it) from a store that merely lacks an entry (leave it).
@Suite("Interrupted creations, recognised from store and live facts")
struct InterruptedCreationTests {
    static let staged = Date(timeIntervalSince1970: 1_800_000_000)
    static let path = "service-accounts/x"

    static func version(_ kind: SecretMaterial.Kind, fingerprint: String = "sha256:00000000000000aa", id: String?)
        -> SecretVersionInfo
    {
        SecretVersionInfo(
            version: 1, createdAt: staged, fingerprint: fingerprint, kind: kind,
            metadata: SecretVersionMetadata(generation: 1, principalId: id))
    }

    static func entry(pending: SecretVersionInfo?, current: SecretVersionInfo? = nil) throws -> EntryMetadata {
        EntryMetadata(entry: try SecretEntryPath(path), pending: pending, current: current)
    }

    @Test("a staged token under the live object's id: finish it")
    func finish() throws {
        let entry = try Self.entry(pending: Self.version(.privateKey, id: "us-1"))
        #expect(InterruptedCreation.find(entry: entry, candidates: [.init(id: "us-1")]) == .finish(objectId: "us-1"))
    }

    @Test("objects made from the staged key, with no token stored: replace them")
    func replaceByKey() throws {
        let entry = try Self.entry(pending: Self.version(.privateKey, id: nil))
        let candidates: [InterruptedCreation.Candidate] = [
            .init(id: "us-2", keyFingerprint: "sha256:00000000000000aa"),
            .init(id: "us-1", keyFingerprint: "sha256:00000000000000aa"),
        ]
        #expect(
            InterruptedCreation.find(entry: entry, candidates: candidates) == .replace(orphanIds: ["us-1", "us-2"]))
    }

    @Test("an object with another key is not provably ours: nothing")
    func otherKey() throws {
        let entry = try Self.entry(pending: Self.version(.privateKey, id: nil))
        let candidates: [InterruptedCreation.Candidate] = [
            .init(id: "us-1", keyFingerprint: "sha256:00000000000000aa"),
            .init(id: "us-9", keyFingerprint: "sha256:00000000000000bb"),
        ]
        #expect(InterruptedCreation.find(entry: entry, candidates: candidates) == nil)
    }

    @Test("a webhook created after the staged intent is replaced; one created well before it is left alone")
    func webhookIntent() throws {
        let entry = try Self.entry(pending: Self.version(.webhookSecret, id: nil))
        let after = InterruptedCreation.Candidate(id: "wh-1", created: Self.staged.addingTimeInterval(2))
        let skewed = InterruptedCreation.Candidate(id: "wh-2", created: Self.staged.addingTimeInterval(-60))
        let before = InterruptedCreation.Candidate(id: "wh-3", created: Self.staged.addingTimeInterval(-3600))
        #expect(
            InterruptedCreation.find(entry: entry, candidates: [after, skewed])
                == .replace(orphanIds: ["wh-1", "wh-2"]))
        #expect(InterruptedCreation.find(entry: entry, candidates: [after, before]) == nil)
    }

    @Test("no entry, no pending version, or a live object the store holds as current: nothing")
    func notInterrupted() throws {
        let candidate = InterruptedCreation.Candidate(id: "us-1", keyFingerprint: "sha256:00000000000000aa")
        #expect(InterruptedCreation.find(entry: nil, candidates: [candidate]) == nil)
        let steady = try Self.entry(pending: nil, current: Self.version(.privateKey, id: "us-1"))
        #expect(InterruptedCreation.find(entry: steady, candidates: [candidate]) == nil)
        // A rotation staging the next key of a live, current object.
        let rotating = try Self.entry(
            pending: Self.version(.privateKey, id: nil), current: Self.version(.privateKey, id: "us-1"))
        #expect(InterruptedCreation.find(entry: rotating, candidates: [candidate]) == nil)
        let empty = try Self.entry(pending: Self.version(.privateKey, id: nil))
        #expect(InterruptedCreation.find(entry: empty, candidates: []) == nil)
    }
}
