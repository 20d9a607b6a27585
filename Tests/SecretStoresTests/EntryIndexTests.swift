import Foundation
import Testing

@testable import SecretStores

/// The label moves every store shares, as pure functions.
@Suite("EntryIndex label moves")
struct EntryIndexTests {
    private func info(_ version: Int) -> SecretVersionInfo {
        SecretVersionInfo(
            version: version, createdAt: Date(timeIntervalSince1970: 0),
            fingerprint: "sha256:000000000000000\(version)",
            kind: .webhookSecret, metadata: SecretVersionMetadata())
    }

    private let entry: SecretEntryPath

    init() throws {
        entry = try SecretEntryPath("service-accounts/example")
    }

    @Test("staging replaces pending and obsoletes the old one")
    func staging() {
        let index = EntryIndex(nextVersion: 3, pending: info(2), current: info(1))
        let transition = index.staging(info(3))
        #expect(transition.index.pending == info(3))
        #expect(transition.index.current == info(1))
        #expect(transition.index.nextVersion == 4)
        #expect(transition.obsoleteVersions == [2])
    }

    @Test("promoting shifts current to previous and obsoletes the old previous")
    func promoting() throws {
        let index = EntryIndex(nextVersion: 4, pending: info(3), current: info(2), previous: info(1))
        let transition = try index.promoting(entry)
        #expect(transition.index == EntryIndex(nextVersion: 4, current: info(3), previous: info(2)))
        #expect(transition.obsoleteVersions == [1])
        #expect(throws: SecretStoreError.stageNotFound(entry, .pending)) { try transition.index.promoting(entry) }
    }

    @Test("rolling back restores previous and obsoletes the current")
    func rollingBack() throws {
        let index = EntryIndex(nextVersion: 5, pending: info(4), current: info(3), previous: info(2))
        let transition = try index.rollingBack(entry)
        #expect(transition.index == EntryIndex(nextVersion: 5, pending: info(4), current: info(2)))
        #expect(transition.obsoleteVersions == [3])
    }

    @Test("dropping clears one label", arguments: SecretStage.allCases)
    func dropping(stage: SecretStage) {
        let index = EntryIndex(nextVersion: 4, pending: info(3), current: info(2), previous: info(1))
        let transition = index.dropping(stage)
        #expect(transition.index.version(at: stage) == nil)
        #expect(transition.obsoleteVersions == [index.version(at: stage)?.version].compactMap { $0 })
        #expect(transition.index.referencedVersions.count == 2)
    }

    @Test("marking the previous version retired moves no label and keeps the first date; a rollback clears it")
    func markingRetired() throws {
        let index = EntryIndex(nextVersion: 3, current: info(2), previous: info(1))
        let first = Date(timeIntervalSince1970: 100)
        let marked = try index.markingPreviousRetired(entry, at: first)
        #expect(marked.obsoleteVersions.isEmpty)
        #expect(marked.index.current == info(2) && marked.index.previous?.version == 1)
        #expect(marked.index.previous?.metadata.retiredAt == first)
        let again = try marked.index.markingPreviousRetired(entry, at: Date(timeIntervalSince1970: 200))
        #expect(again.index.previous?.metadata.retiredAt == first)
        let rolledBack = try again.index.rollingBack(entry)
        #expect(rolledBack.index.current?.version == 1 && rolledBack.index.current?.metadata.retiredAt == nil)
        #expect(throws: SecretStoreError.stageNotFound(entry, .previous)) {
            try EntryIndex(current: info(2)).markingPreviousRetired(entry, at: first)
        }
    }
}
