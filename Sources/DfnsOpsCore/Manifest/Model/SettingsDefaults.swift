/// Defaults that Settings gives to objects that do not set their own.
public struct SettingsDefaults: Sendable, Hashable, Codable {
    /// The SecretStore (by `metadata.name`) for objects without `store`; each entry's path is its kind folder and
    /// name.
    public var storeRef: String?
    /// Rotation values for keys and webhook secrets that do not set them.
    public var rotation: RotationDefaults?

    /// Creates defaults.
    public init(storeRef: String? = nil, rotation: RotationDefaults? = nil) {
        self.storeRef = storeRef
        self.rotation = rotation
    }
}
