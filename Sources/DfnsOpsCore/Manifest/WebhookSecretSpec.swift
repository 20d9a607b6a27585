/// How a webhook's signing secret rotates and where it is kept.
public struct WebhookSecretSpec: Sendable, Hashable, Codable {
    /// When the secret rotates (by a twin webhook); ``RotationPolicy/strategy`` does not apply.
    public var rotation: RotationPolicy
    /// Where the secret is kept; filled from Settings' default store in a ``DesiredState``.
    public var store: StoreReference?

    /// Creates a secret spec.
    public init(rotation: RotationPolicy = RotationPolicy(), store: StoreReference? = nil) {
        self.rotation = rotation
        self.store = store
    }
}
