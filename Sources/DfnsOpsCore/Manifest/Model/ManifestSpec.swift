/// The `spec` of one manifest kind.
public protocol ManifestSpec: Sendable, Hashable, Codable {
    /// The kind whose spec this is.
    var kind: ManifestKind { get }
}
