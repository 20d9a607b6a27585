/// Why a ``DfnsClientConfiguration`` could not be made; each says which setting to fix. Never holds a token or a key.
public enum DfnsConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Environment variables that must be set are missing or empty.
    case missingVariables([String])
    /// The API URL is not an absolute http(s) URL with a host.
    case invalidURL(variable: String, value: String)
    /// The API URL is plain http to a host that is not loopback.
    case insecureURL(variable: String, value: String)
    /// The private key names a file that cannot be read.
    /// The value is neither PEM text nor the path of a readable file. Its content is never quoted: a mangled key
    /// would otherwise be printed whole.
    case unreadableKeyFile(variable: String, byteCount: Int, reason: String)
    /// The private key is not a supported PEM private key.
    case invalidPrivateKey(variable: String, reason: String)

    /// What is wrong and how to fix it.
    public var description: String {
        switch self {
        case .missingVariables(let names):
            let list = names.joined(separator: ", ")
            return names.count == 1
                ? "\(list) is not set: set it in the environment (see the CLI reference for the operator identity)"
                : "\(list) are not set: set them in the environment (see the CLI reference for the operator identity)"
        case .invalidURL(let variable, let value):
            return "\(variable) '\(value)' is not an http(s) URL with a host: use e.g. https://api.dfns.io"
        case .insecureURL(let variable, let value):
            return "\(variable) '\(value)' uses plain http to a host that is not loopback: use https "
                + "(http is allowed only for 127.0.0.0/8, ::1 and localhost)"
        case .unreadableKeyFile(let variable, let byteCount, let reason):
            return "\(variable) is not PEM text and not a readable file (\(byteCount) bytes; as a path: \(reason)); "
                + "its value is not shown, since it may be a key. Give the PEM text itself (base64-encoded PEM is "
                + "accepted too) or the path of a readable PEM file"
        case .invalidPrivateKey(let variable, let reason):
            return "\(variable) is not a usable private key (\(reason)): give a PEM private key "
                + "(PKCS#8, PKCS#1 RSA or SEC1 EC) or the path of a file holding one"
        }
    }
}
