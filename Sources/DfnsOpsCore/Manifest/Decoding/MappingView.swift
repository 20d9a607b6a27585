/// A mapping being decoded: its entries, its dotted path, and where to point when a field is missing.
struct MappingView {
    /// The entries, in document order.
    var entries: [SourceNode.Entry]
    /// The dotted path of the mapping (`spec.key`), empty for the document root.
    var path: String
    /// Where the mapping is introduced: its key, or the document's first key for the root.
    var location: SourceLocation

    /// The entry for `key`.
    func entry(_ key: String) -> SourceNode.Entry? {
        entries.first { $0.key == key }
    }

    /// Whether the mapping sets `key`.
    func has(_ key: String) -> Bool { entry(key) != nil }

    /// The dotted path of `key` inside this mapping.
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// How messages name this mapping: `spec.key` or "the document".
    var displayName: String { path.isEmpty ? "the document" : path }
}
