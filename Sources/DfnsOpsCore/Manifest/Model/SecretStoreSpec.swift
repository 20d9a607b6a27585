/// A place where keys, tokens and webhook secrets are kept.
public struct SecretStoreSpec: ManifestSpec {
    /// ``ManifestKind/secretStore``.
    public var kind: ManifestKind { .secretStore }

    /// Which backend, with its settings.
    public enum Backend: Sendable, Hashable, Codable {
        /// A directory tree on the local disk (files 0600, folders 0700).
        case file(directory: String)
        /// An external plugin run as `command` (argv), speaking JSON on stdin and stdout.
        case exec(command: [String], timeout: ManifestDuration?)

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
