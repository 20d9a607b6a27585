/// One declared object: its metadata, typed spec and origin.
///
/// The spec's fields read through the declared object (`declared.management` is `declared.spec.management`);
/// `name` is always `metadata.name`, the manifest name.
@dynamicMemberLookup
public struct Declared<Spec: ManifestSpec>: Sendable, Hashable, Codable {
    /// The manifest's metadata.
    public var metadata: ManifestMetadata
    /// The typed spec.
    public var spec: Spec
    /// Where it was declared.
    public var origin: ManifestOrigin

    /// A field of the spec.
    public subscript<Value>(dynamicMember field: KeyPath<Spec, Value>) -> Value { spec[keyPath: field] }

    /// The manifest kind.
    public var kind: ManifestKind { spec.kind }

    /// `metadata.name`.
    public var name: String { metadata.name }

    /// `<kind>/<name>`, as plans, reports and commands name the object.
    public var address: ObjectAddress { ObjectAddress(kind: kind, name: metadata.name) }

    /// The ownership marker, `dfnsops:<kind>/<name>`.
    public var marker: OwnershipMarker { address.marker }
}
