import Foundation

/// Where the client connects, who it acts as, and how it paces and retries.
public struct DfnsClientConfiguration: Sendable {
    /// The environment variable with the API base URL.
    public static let urlVariable = "DFNS_API_URL"
    /// The environment variable with the bearer token.
    public static let tokenVariable = "DFNS_AUTH_TOKEN"
    /// The environment variable with the signing credential's id.
    public static let credentialIdVariable = "DFNS_CRED_ID"
    /// The environment variable with the private key: PEM text, or the path of a PEM file.
    public static let privateKeyVariable = "DFNS_PRIVATE_KEY"

    /// The API base URL, e.g. `https://api.dfns.io`.
    public var baseURL: URL
    /// The principal the client acts as.
    public var identity: DfnsIdentity
    /// Requests per minute the client allows itself; 0 turns pacing off.
    public var rateLimitPerMinute: Int
    /// How many times an idempotent request may be sent in all.
    public var maxAttempts: Int
    /// The time allowed for one request, response body included.
    public var requestTimeout: Duration
    /// The `limit` asked for on paginated lists.
    public var pageSize: Int

    /// Creates a configuration.
    /// - Parameters:
    ///   - baseURL: the API base URL; https, or http to a loopback host.
    ///   - identity: the principal to act as.
    ///   - rateLimitPerMinute: requests per minute (default 1000, the Dfns limit outside Trial; 0 = off).
    ///   - maxAttempts: attempts for idempotent requests (default 5).
    ///   - requestTimeout: the time allowed for one request (default 30 s).
    ///   - pageSize: the `limit` on paginated lists (default 100).
    /// - Throws: ``DfnsConfigurationError`` when the URL is not usable.
    public init(
        baseURL: URL, identity: DfnsIdentity, rateLimitPerMinute: Int = 1000, maxAttempts: Int = 5,
        requestTimeout: Duration = .seconds(30), pageSize: Int = 100
    ) throws {
        try Self.validate(baseURL: baseURL, variable: "the API URL")
        self.baseURL = baseURL
        self.identity = identity
        self.rateLimitPerMinute = max(rateLimitPerMinute, 0)
        self.maxAttempts = max(maxAttempts, 1)
        self.requestTimeout = requestTimeout
        self.pageSize = min(max(pageSize, 1), 200)
    }

    /// What a command needs of the operator's identity.
    public enum Access: Sendable {
        /// Read only: `DFNS_API_URL` and `DFNS_AUTH_TOKEN`. `DFNS_CRED_ID` and `DFNS_PRIVATE_KEY` are ignored
        /// (never loaded), so a job that only plans holds no key at all.
        case read
        /// Read and sign user actions: all four variables.
        case sign
    }

    /// Reads `DFNS_API_URL` and `DFNS_AUTH_TOKEN`, and for `access: .sign` also `DFNS_CRED_ID` and
    /// `DFNS_PRIVATE_KEY` (PEM text, base64 of PEM text, or a path to a PEM file).
    /// - Parameters:
    ///   - environment: the variables, e.g. `ProcessInfo.processInfo.environment`.
    ///   - access: whether the identity must sign (``Access/sign``, the default) or only reads.
    ///   - rateLimitPerMinute: requests per minute (0 = off).
    ///   - maxAttempts: attempts for idempotent requests.
    ///   - readFile: reads a key file (injectable for tests).
    /// - Throws: ``DfnsConfigurationError`` naming every missing variable at once, or the one that is wrong.
    public static func fromEnvironment(
        _ environment: [String: String], access: Access = .sign, rateLimitPerMinute: Int = 1000,
        maxAttempts: Int = 5,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws -> DfnsClientConfiguration {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
            else { return nil }
            return text
        }
        let required =
            access == .read
            ? [urlVariable, tokenVariable] : [urlVariable, tokenVariable, credentialIdVariable, privateKeyVariable]
        let missing = required.filter { value($0) == nil }
        guard missing.isEmpty, let urlText = value(urlVariable), let token = value(tokenVariable) else {
            throw DfnsConfigurationError.missingVariables(missing)
        }
        guard let url = URL(string: urlText) else {
            throw DfnsConfigurationError.invalidURL(variable: urlVariable, value: urlText)
        }
        try validate(baseURL: url, variable: urlVariable)
        guard access == .sign, let credentialId = value(credentialIdVariable), let keyText = value(privateKeyVariable)
        else {
            return try DfnsClientConfiguration(
                baseURL: url, identity: .reading(token: token), rateLimitPerMinute: rateLimitPerMinute,
                maxAttempts: maxAttempts)
        }
        let privateKey = try loadPrivateKey(keyText, readFile: readFile)
        let identity = DfnsIdentity(
            token: token, signer: KeyCredentialSigner(credentialId: credentialId, privateKey: privateKey))
        return try DfnsClientConfiguration(
            baseURL: url, identity: identity, rateLimitPerMinute: rateLimitPerMinute, maxAttempts: maxAttempts)
    }

    /// Checks that a base URL is absolute http(s) with a host, and https unless the host is loopback.
    /// - Throws: ``DfnsConfigurationError/invalidURL(variable:value:)`` or
    ///   ``DfnsConfigurationError/insecureURL(variable:value:)``.
    public static func validate(baseURL: URL, variable: String) throws {
        guard baseURL.user == nil && baseURL.password == nil else {
            throw DfnsConfigurationError.invalidURL(variable: variable, value: "<a URL with credentials in it>")
        }
        let text = baseURL.absoluteString
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = baseURL.host, !host.isEmpty, baseURL.query == nil
        else { throw DfnsConfigurationError.invalidURL(variable: variable, value: text) }
        if scheme == "http" && !isLoopback(host: host) {
            throw DfnsConfigurationError.insecureURL(variable: variable, value: text)
        }
    }

    /// True for `localhost`, `::1` and addresses in 127.0.0.0/8.
    public static func isLoopback(host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard let number = Int(octet), octet.allSatisfy(\.isASCII) else { return false }
            return (0...255).contains(number)
        }
    }

    /// Loads `DFNS_PRIVATE_KEY`: PEM text (literal `\n` escapes allowed), base64-encoded PEM text (a common CI
    /// secret format), or a path to a PEM file. No error quotes the value.
    private static func loadPrivateKey(_ text: String, readFile: (String) throws -> String) throws
        -> PrivateSigningKey
    {
        var pem = text
        if !text.contains("-----BEGIN") {
            let compact = text.filter { !$0.isWhitespace }
            if let data = Data(base64Encoded: compact), let decoded = String(data: data, encoding: .utf8),
                decoded.contains("-----BEGIN")
            {
                pem = decoded
            } else {
                do {
                    pem = try readFile(text)
                } catch {
                    throw DfnsConfigurationError.unreadableKeyFile(
                        variable: privateKeyVariable, byteCount: text.utf8.count, reason: Self.reason(error))
                }
            }
        } else if !text.contains("\n") {
            pem = text.replacingOccurrences(of: "\\n", with: "\n")
        }
        do {
            return try PrivateSigningKey(pem: pem)
        } catch let error as KeyError {
            throw DfnsConfigurationError.invalidPrivateKey(variable: privateKeyVariable, reason: error.message)
        } catch {
            throw DfnsConfigurationError.invalidPrivateKey(
                variable: privateKeyVariable, reason: "not a PEM private key")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return "read failed"
    }
}
