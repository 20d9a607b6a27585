/// A manifest's `metadata`: its name, labels and annotations.
public struct ManifestMetadata: Sendable, Hashable, Codable {
    /// The manifest's name, unique per kind; it appears in ownership markers.
    public var name: String
    /// Labels, for selection and grouping.
    public var labels: [String: String]
    /// Annotations, free-form notes for people and tools.
    public var annotations: [String: String]

    /// Creates metadata.
    public init(name: String, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
    }
}
