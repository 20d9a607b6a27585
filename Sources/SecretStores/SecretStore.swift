import Foundation

/// A staged, versioned store for secret material: private keys with their tokens, and webhook secrets.
///
/// An entry, named by a ``SecretEntryPath``, holds at most three versions at a time, each carrying one stage
/// label: ``SecretStage/pending`` (written, not yet in use), ``SecretStage/current`` (in use) and
/// ``SecretStage/previous`` (kept for rollback). Every version also carries non-secret facts (version number,
/// creation time, fingerprint, metadata) that can be read without touching the secret value.
///
/// Label moves are the same for every implementation:
///
/// | operation | pending | current | previous | deleted |
/// |---|---|---|---|---|
/// | ``writePending(_:to:fingerprint:metadata:)`` | new version | unchanged | unchanged | old pending |
/// | ``promote(_:)`` | none | old pending | old current (unchanged if there was no current) | old previous |
/// | ``rollback(_:holding:)`` | unchanged | old previous | none | old current |
/// | ``dropStage(_:of:)`` | the dropped stage becomes empty | | | the dropped version |
///
/// Every write is atomic and durable before it returns: after a crash, a reader sees either the state before
/// the call or the state after it, never a mixture.
public protocol SecretStore: Sendable {
    /// Reads the stages, fingerprints and creation times of one entry, never its values.
    ///
    /// - Parameter entry: The entry to describe.
    /// - Returns: The entry's metadata, or `nil` when the entry does not exist.
    /// - Throws: ``SecretStoreError`` when the store cannot be read.
    func metadata(of entry: SecretEntryPath) async throws -> EntryMetadata?

    /// Reads the secret value held under one stage of an entry.
    ///
    /// Call this only from steps that must sign with the key or hand the value over; everything else should
    /// work from ``metadata(of:)``.
    ///
    /// - Parameters:
    ///   - entry: The entry to read.
    ///   - stage: The stage whose version to read.
    /// - Returns: The secret material of that version.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)`` or ``SecretStoreError/stageNotFound(_:_:)`` when there is
    ///   nothing to read, or another ``SecretStoreError`` when the store cannot be read.
    func readValue(of entry: SecretEntryPath, stage: SecretStage) async throws -> SecretMaterial

    /// Writes a new version of an entry and labels it `pending`, replacing (and deleting) any existing pending
    /// version. Creates the entry if it does not exist.
    ///
    /// - Parameters:
    ///   - material: The secret material to store.
    ///   - entry: The entry to write.
    ///   - fingerprint: The public-key fingerprint (`sha256:` + 16 lowercase hex digits over the SPKI DER) for a
    ///     private key; required for keys. For a webhook secret the store computes it and this may be `nil`.
    ///   - metadata: Non-secret facts recorded with the version.
    /// - Returns: The non-secret description of the version just written.
    /// - Throws: ``SecretStoreError`` when the fingerprint is missing or malformed, or the write fails.
    func writePending(
        _ material: SecretMaterial,
        to entry: SecretEntryPath,
        fingerprint: String?,
        metadata: SecretVersionMetadata
    ) async throws -> SecretVersionInfo

    /// Moves an entry's stage labels without writing a version, and deletes the version the move leaves
    /// unlabelled (see the table above, and ``promote(_:)``, ``rollback(_:holding:)`` and ``dropStage(_:of:)``).
    ///
    /// - Parameters:
    ///   - move: The move.
    ///   - entry: The entry to change.
    /// - Returns: The entry's metadata after the move.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)`` when the entry does not exist,
    ///   ``SecretStoreError/stageNotFound(_:_:)`` when a promotion finds no pending version or a rollback no
    ///   previous one, or another ``SecretStoreError`` when the store cannot be written.
    @discardableResult
    func move(_ move: SecretLabelMove, of entry: SecretEntryPath) async throws -> EntryMetadata

    /// Lists the entries at or below a prefix, sorted by path.
    ///
    /// - Parameter prefix: An entry path; only that entry and the entries below it are listed. `nil` lists
    ///   every entry.
    /// - Returns: The metadata of each entry found.
    /// - Throws: ``SecretStoreError`` when the store cannot be read.
    func list(under prefix: SecretEntryPath?) async throws -> [EntryMetadata]
}

extension SecretStore {
    /// Writes a new pending version with no extra metadata.
    ///
    /// - Parameters:
    ///   - material: The secret material to store.
    ///   - entry: The entry to write.
    ///   - fingerprint: The public-key fingerprint for a private key; `nil` for a webhook secret.
    /// - Returns: The non-secret description of the version just written.
    /// - Throws: ``SecretStoreError`` as ``SecretStore/writePending(_:to:fingerprint:metadata:)`` does.
    public func writePending(
        _ material: SecretMaterial,
        to entry: SecretEntryPath,
        fingerprint: String? = nil
    ) async throws -> SecretVersionInfo {
        try await writePending(material, to: entry, fingerprint: fingerprint, metadata: SecretVersionMetadata())
    }

    /// Lists every entry in the store, sorted by path.
    ///
    /// - Returns: The metadata of each entry.
    /// - Throws: ``SecretStoreError`` when the store cannot be read.
    public func listAll() async throws -> [EntryMetadata] {
        try await list(under: nil)
    }

    /// Makes the pending version current: pending becomes current, the old current becomes previous and the
    /// old previous version is deleted. When there was no current version, previous is left as it was.
    ///
    /// - Parameter entry: The entry to promote.
    /// - Returns: The entry's metadata after the move.
    /// - Throws: ``SecretStoreError/stageNotFound(_:_:)`` when there is no pending version.
    @discardableResult
    public func promote(_ entry: SecretEntryPath) async throws -> EntryMetadata {
        try await move(.promote, of: entry)
    }

    /// Makes the previous version current again: previous becomes current, the rolled-back current version is
    /// deleted, and pending is left as it was.
    ///
    /// - Parameters:
    ///   - entry: The entry to roll back.
    ///   - hold: When given, recorded in the restored version's metadata by the same atomic write.
    /// - Returns: The entry's metadata after the move.
    /// - Throws: ``SecretStoreError/stageNotFound(_:_:)`` when there is no previous version.
    @discardableResult
    public func rollback(_ entry: SecretEntryPath, holding hold: RotationHold? = nil) async throws -> EntryMetadata {
        try await move(.rollback(hold: hold), of: entry)
    }

    /// Records on the previous version that its live generation was retired at `date` (the first date recorded
    /// stays); no label moves.
    ///
    /// - Parameters:
    ///   - entry: The entry to change.
    ///   - date: When the generation was retired.
    /// - Returns: The entry's metadata after the change.
    /// - Throws: ``SecretStoreError/stageNotFound(_:_:)`` when there is no previous version.
    @discardableResult
    public func markPreviousRetired(_ entry: SecretEntryPath, at date: Date) async throws -> EntryMetadata {
        try await move(.markPreviousRetired(at: date), of: entry)
    }

    /// Removes one stage label and deletes the version it pointed at. Dropping an empty stage does nothing.
    ///
    /// - Parameters:
    ///   - stage: The stage to drop.
    ///   - entry: The entry to change.
    /// - Returns: The entry's metadata after the change.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)`` when the entry does not exist.
    @discardableResult
    public func dropStage(_ stage: SecretStage, of entry: SecretEntryPath) async throws -> EntryMetadata {
        try await move(.drop(stage), of: entry)
    }
}
