extension DesiredState {
    /// Where the secret of a keyed manifest or webhook lives: its own `store`, else the Settings default
    /// store, else the only declared store; the path defaults to `<kind folder>/<name>`.
    /// Returns nil when no store can be chosen (validation reports that case).
    public func storeLocation(kind: ManifestKind, name: String, reference: StoreReference?) -> StoreLocation? {
        if let reference { return StoreLocation(store: reference.ref, path: reference.path) }
        let store = settings.defaults.storeRef ?? (secretStores.count == 1 ? secretStores.first?.metadata.name : nil)
        guard let store else { return nil }
        return StoreLocation(store: store, path: StoreReference.defaultPath(kind: kind, name: name))
    }
}
