import Foundation

/// Base64url (RFC 4648 §5) without padding, the encoding Dfns uses for client data and signatures.
public enum Base64URL {
    /// Encodes bytes as base64url without `=` padding.
    public static func encode(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url text, with or without trailing padding; returns nil when the text is not base64url.
    public static func decode(_ text: String) -> Data? {
        var body = Substring(text)
        while body.hasSuffix("=") { body = body.dropLast() }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard body.allSatisfy({ alphabet.contains($0) }), body.count % 4 != 1 else { return nil }
        var base64 = body.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if base64.count % 4 != 0 { base64 += String(repeating: "=", count: 4 - base64.count % 4) }
        return Data(base64Encoded: base64)
    }
}
