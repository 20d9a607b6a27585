import DfnsAPI
import Foundation
import Testing

@Suite struct ClientConfigurationTests {
    private static let key: PrivateSigningKey? = try? PrivateSigningKey(generating: .ecdsaP256)

    private func environment(url: String = "https://api.dfns.io", key: String? = nil) throws -> [String: String] {
        [
            "DFNS_API_URL": url,
            "DFNS_AUTH_TOKEN": "eyJ-secret-token",
            "DFNS_CRED_ID": "cred-1",
            "DFNS_PRIVATE_KEY": try key ?? #require(Self.key).pkcs8PEM,
        ]
    }

    @Test func readsEveryVariable() throws {
        let configuration = try DfnsClientConfiguration.fromEnvironment(try environment())
        #expect(configuration.baseURL.absoluteString == "https://api.dfns.io")
        #expect(configuration.identity.token == "eyJ-secret-token")
        #expect(configuration.identity.signer?.credentialId == "cred-1")
        #expect(configuration.identity.signer?.privateKey.publicKey.pem == Self.key?.publicKey.pem)
        #expect(configuration.rateLimitPerMinute == 1000)
        #expect(configuration.maxAttempts == 5)
    }

    @Test("read access needs the URL and the token only, and never loads the key, even a broken one")
    func readAccess() async throws {
        var env = try environment(key: "/nonexistent/key.pem")
        env["DFNS_CRED_ID"] = nil
        let configuration = try DfnsClientConfiguration.fromEnvironment(env, access: .read)
        #expect(configuration.identity.signer == nil)
        #expect(configuration.identity.token == "eyJ-secret-token")
        #expect(!configuration.identity.description.contains("eyJ"))
        #expect(throws: DfnsConfigurationError.missingVariables(["DFNS_CRED_ID"])) {
            try DfnsClientConfiguration.fromEnvironment(env)
        }
        // A read identity fails a user action before sending anything (the URL is never contacted).
        let client = HTTPDfnsClient(configuration: configuration)
        await #expect(throws: DfnsAPIError.self) {
            _ = try await client.userActionToken(method: "POST", path: "/auth/service-accounts", payload: "{}")
        }
        #expect(client.requestCount == 0)
    }

    @Test func namesEveryMissingVariable() throws {
        var env = try environment()
        env["DFNS_AUTH_TOKEN"] = nil
        env["DFNS_CRED_ID"] = "  "
        let error = #expect(throws: DfnsConfigurationError.self) { try DfnsClientConfiguration.fromEnvironment(env) }
        #expect(error == .missingVariables(["DFNS_AUTH_TOKEN", "DFNS_CRED_ID"]))
        #expect(error?.description.hasPrefix("DFNS_AUTH_TOKEN, DFNS_CRED_ID are not set") == true)

        let one = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment([
                "DFNS_API_URL": "https://x", "DFNS_AUTH_TOKEN": "t", "DFNS_CRED_ID": "c",
            ])
        }
        #expect(one?.description.hasPrefix("DFNS_PRIVATE_KEY is not set") == true)
    }

    @Test(arguments: ["http://api.dfns.io", "http://10.0.0.1:8080", "http://127.example.com", "http://128.0.0.1"])
    func plainHTTPToOtherHostsIsRefused(url: String) throws {
        let error = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(url: url))
        }
        #expect(error == .insecureURL(variable: "DFNS_API_URL", value: url))
        #expect(error?.description.contains("use https") == true)
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:3000", "http://[::1]:9000"])
    func plainHTTPToLoopbackIsAllowed(url: String) throws {
        let configuration = try DfnsClientConfiguration.fromEnvironment(try environment(url: url))
        #expect(configuration.baseURL.absoluteString == url)
    }

    @Test(arguments: ["api.dfns.io", "ftp://api.dfns.io", "https://", "https://api.dfns.io?x=1"])
    func malformedURLsAreRefused(url: String) throws {
        #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(url: url))
        }
    }

    @Test func urlWithCredentialsIsRefusedWithoutQuotingThem() throws {
        let error = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(url: "https://ops:hunter2@api.dfns.io"))
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func privateKeyMayBeAFilePath() throws {
        let pem = try #require(Self.key).pkcs8PEM
        let configuration = try DfnsClientConfiguration.fromEnvironment(
            try environment(key: "/run/secrets/dfns.pem"),
            readFile: { path in
                guard path == "/run/secrets/dfns.pem" else { throw CocoaError(.fileReadNoSuchFile) }
                return pem
            })
        #expect(configuration.identity.signer?.privateKey.publicKey.fingerprint == Self.key?.publicKey.fingerprint)
    }

    @Test func privateKeyFileThatCannotBeReadIsRefusedWithoutQuotingIt() throws {
        let error = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(key: "/nonexistent/dfnsops-test-key.pem"))
        }
        guard case .unreadableKeyFile(let variable, let count, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(variable == "DFNS_PRIVATE_KEY" && count == "/nonexistent/dfnsops-test-key.pem".utf8.count)
        #expect(!String(describing: error).contains("dfnsops-test-key"))
    }

    /// Issue 14: a PEM body without its header lines, or a mangled key, is neither PEM nor a path; the error says
    /// so by length and never prints the value, folded or not.
    @Test func keyThatIsNeitherPEMNorAFileIsNeverQuoted() throws {
        let pem = try #require(Self.key).pkcs8PEM
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(separator: "\n")
        let error = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(key: body + "!"))
        }
        let text = String(describing: error)
        #expect(text.contains("not PEM text and not a readable file"), "\(text)")
        for line in body.split(separator: "\n") where line.count >= 16 {
            #expect(!text.contains(line.prefix(16)), "the error quotes part of the key")
        }
    }

    /// Issue 14: base64-encoded PEM, as CI secret stores often hold a key, loads.
    @Test func base64EncodedPEMLoads() throws {
        let pem = try #require(Self.key).pkcs8PEM
        let configuration = try DfnsClientConfiguration.fromEnvironment(
            try environment(key: Data(pem.utf8).base64EncodedString()))
        #expect(configuration.identity.signer?.privateKey.publicKey.fingerprint == Self.key?.publicKey.fingerprint)
    }

    @Test func pemWithEscapedNewlinesLoads() throws {
        let pem = try #require(Self.key).pkcs8PEM.replacingOccurrences(of: "\n", with: "\\n")
        let configuration = try DfnsClientConfiguration.fromEnvironment(try environment(key: pem))
        #expect(configuration.identity.signer?.privateKey.publicKey.fingerprint == Self.key?.publicKey.fingerprint)
    }

    @Test func invalidKeyIsRefusedWithoutQuotingIt() throws {
        let bogus = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n"
        let error = #expect(throws: DfnsConfigurationError.self) {
            try DfnsClientConfiguration.fromEnvironment(try environment(key: bogus))
        }
        guard case .invalidPrivateKey(let variable, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(variable == "DFNS_PRIVATE_KEY")
        #expect(error?.description.contains("c2VjcmV0") == false)
        #expect(error?.description.contains("eyJ-secret-token") == false)
    }

    @Test(arguments: [
        ("localhost", true), ("LOCALHOST", true), ("127.0.0.1", true), ("127.255.255.254", true), ("::1", true),
        ("[::1]", true), ("127.0.0.256", false), ("127.0.0", false), ("10.0.0.1", false), ("example.com", false),
    ])
    func loopbackHosts(host: String, isLoopback: Bool) {
        #expect(DfnsClientConfiguration.isLoopback(host: host) == isLoopback)
    }
}
