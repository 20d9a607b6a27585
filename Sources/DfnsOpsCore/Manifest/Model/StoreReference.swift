/// Where in which secret store an object's key, token or secret is kept.
public struct StoreReference: Sendable, Hashable, Codable {
    /// The `metadata.name` of a declared SecretStore.
    public var ref: String
    /// The entry path inside the store; defaults to `<kind folder>/<metadata.name>`, e.g. `webhooks/treasury`.
    public var path: String

    /// Creates a reference.
    public init(ref: String, path: String) {
        self.ref = ref
        self.path = path
    }

    /// The default entry path for a manifest: `<kind folder>/<name>`.
    public static func defaultPath(kind: ManifestKind, name: String) -> String {
        "\(kind.defaultStoreFolder)/\(name)"
    }
}
