import SecretStores

/// Where a manifest's secret lives: a declared SecretStore (by name) and an entry path in it.
public struct StoreLocation: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public var store: String
    public var path: String

    public init(store: String, path: String) {
        self.store = store
        self.path = path
    }

    public var description: String { "\(store):\(path)" }

    public static func < (lhs: StoreLocation, rhs: StoreLocation) -> Bool {
        (lhs.store, lhs.path) < (rhs.store, rhs.path)
    }
}

/// The secret stores' metadata (stages, fingerprints, ages; never values), by location.
public struct StoreState: Sendable, Hashable {
    public var entries: [StoreLocation: EntryMetadata]

    public init(entries: [StoreLocation: EntryMetadata] = [:]) {
        self.entries = entries
    }

    public subscript(location: StoreLocation) -> EntryMetadata? { entries[location] }

    /// Every Dfns id (principal or webhook) that some version of some entry names: the objects dfnsops can prove
    /// it made, whatever manifest declares them now.
    public var recordedIds: Set<String> {
        Set(entries.values.flatMap { $0.stagedVersions.compactMap(\.version.metadata.principalId) })
    }
}
