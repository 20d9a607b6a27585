/// Where a manifest was declared: its file, document, and the position of each field it sets.
///
/// Later stages point back at the manifests with it (SARIF drift results, plan notes).
public struct ManifestOrigin: Sendable, Hashable, Codable {
    /// The file the manifest is in.
    public var file: String
    /// The 0-based index of its document in the file.
    public var documentIndex: Int
    /// The position of the document's first key.
    public var location: SourceLocation
    /// The position of each value the manifest sets, keyed by dotted path: `metadata.name`, `spec.url`,
    /// `spec.key.rotation.maxAge`, `spec.events[2]`.
    public var fields: [String: SourceLocation]

    /// Creates an origin.
    public init(file: String, documentIndex: Int, location: SourceLocation, fields: [String: SourceLocation] = [:]) {
        self.file = file
        self.documentIndex = documentIndex
        self.location = location
        self.fields = fields
    }

    /// The position of the value at `path`, else of the nearest enclosing value that is set, else the document.
    ///
    /// - Parameter path: a dotted path such as `spec.key.rotation.maxAge`.
    public func location(of path: String) -> SourceLocation {
        var path = Substring(path)
        while !path.isEmpty {
            if let location = fields[String(path)] { return location }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return location
    }

    /// The position of `metadata.name`, where a whole object is best pointed at.
    public var nameLocation: SourceLocation { location(of: "metadata.name") }
}
