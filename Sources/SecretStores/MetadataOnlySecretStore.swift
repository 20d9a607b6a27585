/// A store opened for metadata only: stages, fingerprints, creation times and recorded ids can be read, values
/// cannot, and nothing can be written.
///
/// `plan` opens every declared store through it, so a pull-request job needs no access to secret values and a
/// plan can never depend on one. The refusal happens here, before the underlying store is asked: an exec plugin
/// never receives a `get` for a version, and a file store never opens a version file.
public struct MetadataOnlySecretStore: SecretStore {
    /// The store whose metadata is read.
    public let base: any SecretStore

    /// Wraps a store.
    /// - Parameter base: The store to read metadata from.
    public init(_ base: any SecretStore) {
        self.base = base
    }

    /// The base store's metadata of one entry.
    public func metadata(of entry: SecretEntryPath) async throws -> EntryMetadata? {
        try await base.metadata(of: entry)
    }

    /// The base store's listing.
    public func list(under prefix: SecretEntryPath?) async throws -> [EntryMetadata] {
        try await base.list(under: prefix)
    }

    /// Refused: throws ``SecretStoreError/metadataOnly(_:operation:)``.
    public func readValue(of entry: SecretEntryPath, stage: SecretStage) async throws -> SecretMaterial {
        throw SecretStoreError.metadataOnly(entry, operation: "read the \(stage.rawValue) value of")
    }

    /// Refused: throws ``SecretStoreError/metadataOnly(_:operation:)``.
    public func writePending(
        _ material: SecretMaterial, to entry: SecretEntryPath, fingerprint: String?, metadata: SecretVersionMetadata
    ) async throws -> SecretVersionInfo {
        throw SecretStoreError.metadataOnly(entry, operation: "write")
    }

    /// Refused: throws ``SecretStoreError/metadataOnly(_:operation:)``.
    public func move(_ move: SecretLabelMove, of entry: SecretEntryPath) async throws -> EntryMetadata {
        throw SecretStoreError.metadataOnly(entry, operation: "change the labels of")
    }
}
