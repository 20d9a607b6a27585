import Foundation

/// What one plugin run produced: how it ended and what it wrote.
struct PluginRunResult: Sendable {
    /// How the plugin process ended.
    enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal killed it.
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    var termination: Termination
    var stdout: Data
    var stderr: Data

    /// The plugin's stderr as text, trimmed and cut to `limit` characters, with every occurrence of the
    /// `redacting` strings (the request's encoded value, should a plugin echo its input) replaced.
    func stderrExcerpt(limit: Int = 2_000, redacting secrets: [String] = []) -> String {
        var text = String(decoding: stderr, as: UTF8.self)
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count > limit else { return text }
        return text.prefix(limit) + "… (\(text.count - limit) more characters)"
    }
}
