import DfnsAPI
import Foundation
import TestSupport
import Testing

@testable import DfnsEmulator

@Suite("dfns-emulator executable")
struct ExecutableTests {
    @Test("--help documents every flag")
    func help() async throws {
        let binary = try #require(EmulatorChildProcess.binaryPath(), "build dfns-emulator first")
        let result = try await CommandRunner.run(binary, ["--help"])
        #expect(result.status == 0)
        for flag in [
            "--host", "--port", "--state", "--seed", "--bootstrap-out", "--operator-key-algorithm",
            "--operator-token-days", "--admin", "--manual-clock", "--rate-limit", "--webhook-limit",
            "--webhook-timeout", "--user-action-ttl", "--strict-credential-matrix", "--fault", "--fault-seed",
            "--log-level",
        ] {
            #expect(result.stdoutText.contains(flag), "\(flag) is not in --help")
        }
    }

    @Test(
        "it listens, writes operator.env (0600) with a working identity, and stops cleanly on SIGTERM",
        arguments: ["ecdsa-p256", "ed25519", "rsa-2048"])
    func process(algorithm: String) async throws {
        let emulator = try await EmulatorChildProcess.launch(arguments: [
            "--admin", "--operator-key-algorithm", algorithm,
        ])
        defer { try? FileManager.default.removeItem(at: emulator.bootstrapDirectory) }
        #expect(emulator.url.hasPrefix("http://127.0.0.1:"))
        let environment = emulator.operatorEnvironment
        #expect(environment["DFNS_API_URL"] == emulator.url)
        let keyPath = try #require(environment["DFNS_PRIVATE_KEY"])
        for file in [keyPath, emulator.bootstrapDirectory.appendingPathComponent("operator.env").path] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(file)")
        }
        let key = try PrivateSigningKey(pem: try String(contentsOfFile: keyPath, encoding: .utf8))
        let expectedFamily: KeyFamily =
            switch algorithm {
            case "ed25519": .ed25519
            case "rsa-2048": .rsa(bits: 2048)
            default: .ecdsaP256
            }
        #expect(key.family == expectedFamily)
        let principal = Principal(
            token: try #require(environment["DFNS_AUTH_TOKEN"]),
            signer: KeyCredentialSigner(credentialId: try #require(environment["DFNS_CRED_ID"]), privateKey: key))
        let server = LiveTarget(url: emulator.url)
        let token = try await server.userAction(principal: principal, method: "POST", path: "/webhooks", payload: "")
        #expect(token.hasPrefix("ua-"))
        #expect(await emulator.stop() == 0)
    }

    @Test("a bad --fault spec is a usage error")
    func badFault() async throws {
        let binary = try #require(EmulatorChildProcess.binaryPath(), "build dfns-emulator first")
        let result = try await CommandRunner.run(binary, ["--fault", "GET /x explode"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("unknown action"))
    }
}
