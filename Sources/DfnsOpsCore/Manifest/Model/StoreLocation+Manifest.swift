extension StoreLocation {
    /// The location a resolved store reference names.
    init(_ reference: StoreReference) {
        self.init(store: reference.ref, path: reference.path)
    }
}

extension Declared where Spec == KeyedPrincipalSpec {
    /// Where the principal's key and token live; nil when no store could be chosen (validation reported it).
    public var storeLocation: StoreLocation? { spec.store.map(StoreLocation.init) }
}

extension Declared where Spec == WebhookSpec {
    /// Where the webhook's secret lives; nil when no store could be chosen (validation reported it).
    public var storeLocation: StoreLocation? { spec.secret.store.map(StoreLocation.init) }
}
