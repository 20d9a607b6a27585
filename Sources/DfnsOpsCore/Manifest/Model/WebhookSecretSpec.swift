/// How a webhook's signing secret rotates and where it is kept.
public struct WebhookSecretSpec: Sendable, Hashable, Codable {
    /// When the secret rotates (by a twin webhook); ``RotationPolicy/strategy`` does not apply.
    public var rotation: RotationPolicy
    /// Where the secret is kept; filled in a ``DesiredState`` (Settings' default store, else
    /// the only declared store).
    public var store: StoreReference?

    /// Creates a secret spec.
    public init(rotation: RotationPolicy = RotationPolicy(), store: StoreReference? = nil) {
        self.rotation = rotation
        self.store = store
    }
}
