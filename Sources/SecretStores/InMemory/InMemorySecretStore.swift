import Foundation

/// A secret store held in memory: the twin of ``FileSecretStore`` and ``ExecSecretStore`` for tests.
///
/// It follows the same label semantics (it shares ``EntryIndex``) and passes the same contract suite; nothing
/// survives the process.
public actor InMemorySecretStore: SecretStore {
    private struct StoredEntry {
        var index = EntryIndex()
        var documents: [Int: VersionDocument] = [:]
    }

    private var entries: [SecretEntryPath: StoredEntry] = [:]
    private let now: @Sendable () -> Date

    /// Creates an empty store.
    ///
    /// - Parameter now: The clock that stamps new versions.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Reads an entry's stages and fingerprints.
    ///
    /// - Parameter entry: The entry to describe.
    /// - Returns: The entry's metadata, or `nil` when it does not exist.
    public func metadata(of entry: SecretEntryPath) -> EntryMetadata? {
        entries[entry]?.index.metadata(for: entry)
    }

    /// Reads one stage's value.
    ///
    /// - Parameters:
    ///   - entry: The entry to read.
    ///   - stage: The stage whose version to read.
    /// - Returns: The material of that version.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)`` or ``SecretStoreError/stageNotFound(_:_:)``.
    public func readValue(of entry: SecretEntryPath, stage: SecretStage) throws -> SecretMaterial {
        guard let stored = entries[entry] else { throw SecretStoreError.entryNotFound(entry) }
        guard let info = stored.index.version(at: stage), let document = stored.documents[info.version] else {
            throw SecretStoreError.stageNotFound(entry, stage)
        }
        return try document.material(for: entry)
    }

    /// Writes a new pending version.
    ///
    /// - Parameters:
    ///   - material: The material to store.
    ///   - entry: The entry to write.
    ///   - fingerprint: The public-key fingerprint for a key; `nil` for a webhook secret.
    ///   - metadata: Non-secret facts to record.
    /// - Returns: The version written.
    /// - Throws: ``SecretStoreError`` when the fingerprint is missing or malformed.
    public func writePending(
        _ material: SecretMaterial,
        to entry: SecretEntryPath,
        fingerprint: String?,
        metadata: SecretVersionMetadata
    ) throws -> SecretVersionInfo {
        let draft = try PendingVersionDraft(
            entry: entry, material: material, fingerprint: fingerprint, metadata: metadata)
        var stored = entries[entry] ?? StoredEntry()
        let number = stored.index.allocateVersion()
        let info = draft.versionInfo(version: number, createdAt: now())
        stored.documents[number] = draft.document(version: number)
        apply(stored.index.staging(info), to: &stored)
        entries[entry] = stored
        return info
    }

    /// Moves an entry's stage labels and forgets the obsolete versions.
    @discardableResult
    public func move(_ move: SecretLabelMove, of entry: SecretEntryPath) throws(SecretStoreError) -> EntryMetadata {
        guard var stored = entries[entry] else { throw .entryNotFound(entry) }
        apply(try stored.index.moving(move, of: entry), to: &stored)
        entries[entry] = stored
        return stored.index.metadata(for: entry)
    }

    /// Lists the entries at or below a prefix.
    ///
    /// - Parameter prefix: The prefix, or `nil` for every entry.
    /// - Returns: The entries' metadata, sorted by path.
    public func list(under prefix: SecretEntryPath?) -> [EntryMetadata] {
        entries
            .filter { path, _ in prefix.map { path.isWithin($0) } ?? true }
            .map { path, stored in stored.index.metadata(for: path) }
            .sorted { $0.entry < $1.entry }
    }

    private func apply(_ transition: EntryIndex.Transition, to stored: inout StoredEntry) {
        stored.index = transition.index
        for version in transition.obsoleteVersions { stored.documents[version] = nil }
    }
}
