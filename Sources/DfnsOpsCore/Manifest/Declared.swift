/// One declared object: its metadata, typed spec and origin.
public struct Declared<Spec: ManifestSpec>: Sendable, Hashable, Codable {
    /// The manifest's metadata.
    public var metadata: ManifestMetadata
    /// The typed spec.
    public var spec: Spec
    /// Where it was declared.
    public var origin: ManifestOrigin

    /// Creates a declared object.
    public init(metadata: ManifestMetadata, spec: Spec, origin: ManifestOrigin) {
        self.metadata = metadata
        self.spec = spec
        self.origin = origin
    }

    /// The manifest kind.
    public var kind: ManifestKind { Spec.kind }

    /// `metadata.name`.
    public var name: String { metadata.name }

    /// The ownership marker, `dfnsops:<kind>/<name>`.
    public var marker: OwnershipMarker { OwnershipMarker(kind: Spec.kind, name: metadata.name) }

    /// `<kind>/<name>`, as the CLI names objects (for example in `dfnsops rollback`).
    public var reference: String { "\(Spec.kind.rawValue)/\(metadata.name)" }
}
