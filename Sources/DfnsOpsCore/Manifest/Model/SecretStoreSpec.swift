/// A place where keys, tokens and webhook secrets are kept.
public struct SecretStoreSpec: ManifestSpec {
    /// ``ManifestKind/secretStore``.
    public var kind: ManifestKind { .secretStore }

    /// Which backend, with its settings.
    public enum Backend: Sendable, Hashable, Codable {
        /// A directory tree on the local disk (files 0600, folders 0700).
        case file(directory: String)
        /// An external plugin, named — never a path or a command line: the name resolves only to an executable
        /// `dfnsops-store-<plugin>` in a directory on `DFNSOPS_PLUGIN_PATH`, which the machine running dfnsops sets
        /// and a pull request cannot. `arguments` follow the executable; the plugin must treat them as data.
        case exec(plugin: String, arguments: [String], timeout: ManifestDuration?)

        /// The `type` field's value: `file` or `exec`.
        public var typeName: String {
            switch self {
            case .file: "file"
            case .exec: "exec"
            }
        }
    }

    /// The backend and its settings.
    public var backend: Backend

    /// Creates a spec.
    public init(backend: Backend) {
        self.backend = backend
    }
}
