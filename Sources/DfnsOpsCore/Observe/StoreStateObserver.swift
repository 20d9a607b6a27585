import SecretStores

/// Reads the metadata of every entry in the declared secret stores: one listing per store.
public struct StoreStateObserver: Sendable {
    public var stores: [String: any SecretStore]

    public init(stores: [String: any SecretStore]) {
        self.stores = stores
    }

    /// Observes the stores' metadata (stages, fingerprints, ages); never values.
    /// - Throws: the store's error when a listing fails.
    public func observe() async throws -> StoreState {
        var entries: [StoreLocation: EntryMetadata] = [:]
        for name in stores.keys.sorted() {
            guard let store = stores[name] else { continue }
            for metadata in try await store.list(under: nil) {
                entries[StoreLocation(store: name, path: metadata.entry.rawValue)] = metadata
            }
        }
        return StoreState(entries: entries)
    }
}
