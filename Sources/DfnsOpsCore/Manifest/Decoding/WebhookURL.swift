import Foundation

/// The rule for webhook URLs: `https://` with a host, or `http://` on a loopback host; no whitespace.
///
/// The same rule as the pattern in `schemas/webhook.schema.json`.
enum WebhookURL {
    /// The verdict on a URL.
    enum Verdict: Equatable {
        /// Acceptable.
        case valid
        /// Well-formed, but plain http to a non-loopback host (or another scheme).
        case insecure
        /// Not an absolute URL with a host.
        case malformed
    }

    /// The loopback hosts that may use plain http.
    static let loopbackHosts: Set<String> = ["localhost", "[::1]"]

    /// Judges a URL.
    static func check(_ url: String) -> Verdict {
        guard !url.contains(where: \.isWhitespace), let schemeEnd = url.range(of: "://") else { return .malformed }
        let scheme = url[..<schemeEnd.lowerBound]
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !scheme.isEmpty else { return .malformed }
        if scheme == "https" { return .valid }
        guard scheme == "http" else { return .insecure }
        return isLoopback(authority) ? .valid : .insecure
    }

    /// `localhost`, `127.x.x.x` or `[::1]`, optionally with `:port`.
    private static func isLoopback(_ authority: Substring) -> Bool {
        var host = authority
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let port = authority[authority.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isASCIIDigit) else { return false }
            host = authority[..<colon]
        }
        if loopbackHosts.contains(String(host)) { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.dropFirst().allSatisfy { $0.count >= 1 && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }
    }
}
