/// The text of one manifest file, with the path used in diagnostics.
public struct ManifestSource: Sendable, Hashable {
    /// The path, as given or as found under a given directory.
    public var path: String
    /// The file's text.
    public var text: String
}
