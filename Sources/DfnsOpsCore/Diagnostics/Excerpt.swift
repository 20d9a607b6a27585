/// How a message quotes text that came from a manifest: whole when short, else only its first characters and its
/// length. A file that is not a manifest — a key someone linked into the manifest folder — is never echoed.
public enum Excerpt {
    /// The most characters of a value a message shows.
    public static let limit = 32

    /// `'value'`, or `'-----BEGIN PRIVATE KEY…' (241 characters)` for longer text; line breaks are shown as `⏎`.
    public static func quoted(_ text: String) -> String {
        let visible = { (text: Substring) in
            text.map { $0.isNewline ? "⏎" : String($0) }.joined()
        }
        guard text.count > limit else { return "'\(visible(Substring(text)))'" }
        return "'\(visible(text.prefix(limit)))…' (\(text.count) characters)"
    }
}
