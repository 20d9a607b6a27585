/// Searches rendered output for secret values.
enum SecretSearch {
    /// The base64 lines of a PEM block (no BEGIN/END lines): any one of them in output means the key leaked.
    static func pemBodyLines(_ pem: String) -> [String] {
        pem.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 24 }
    }

    /// The secrets (or, for long ones, any 24-character slice of them) that occur in `text`.
    ///
    /// Slices catch a secret that was truncated or wrapped; 24 characters of random text cannot occur by chance.
    static func leaks(of secrets: [String], in text: String) -> [String] {
        secrets.filter { secret in
            guard !secret.isEmpty else { return false }
            if text.contains(secret) { return true }
            let characters = Array(secret)
            guard characters.count > 24 else { return false }
            return stride(from: 0, through: characters.count - 24, by: 8).contains { start in
                text.contains(String(characters[start..<start + 24]))
            }
        }
    }
}
