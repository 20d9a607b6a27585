extension ManifestOrigin {
    /// The position of the value at `path` when the manifest sets it, else nil (a finding then points at the
    /// object's `metadata.name` rather than at an enclosing mapping).
    ///
    /// - Parameter path: a dotted path such as `spec.key.rotation.maxAge`.
    func exactLocation(of path: String) -> SourceLocation? {
        fields[path]
    }
}
