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
            "--log-level", "--admin-on-network",
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

    /// Issue 14: the admin API is unauthenticated; serving it beyond loopback must be asked for by name.
    @Test("--admin on a non-loopback host is a usage error that names --admin-on-network")
    func adminOnNetworkIsExplicit() async throws {
        let binary = try #require(EmulatorChildProcess.binaryPath(), "build dfns-emulator first")
        let result = try await CommandRunner.run(binary, ["--admin", "--host", "0.0.0.0"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--admin-on-network"), "\(result.stderrText)")
    }

    /// Issue 14: with umask 000 and a 0755 directory, the bootstrap files are 0600 from their first byte, and a
    /// link planted at the temporary name is not followed.
    @Test("bootstrap files are 0600 under umask 000, and a planted link at the temporary name is not followed")
    func bootstrapFilesArePrivateWhateverTheUmask() async throws {
        let binary = try #require(EmulatorChildProcess.binaryPath(), "build dfns-emulator first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-umask-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        defer { try? FileManager.default.removeItem(at: directory) }
        let victim = directory.appendingPathComponent("victim.txt")
        try "untouched".write(to: victim, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "umask 000; exec \"$0\" --port 0 --bootstrap-out \"$1\" --log-level error", binary, directory.path,
        ]
        try process.run()
        defer { process.terminate() }
        // The temporary name carries the emulator's pid, known once it runs: plant the link before it writes.
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("operator-key.pem.tmp-\(process.processIdentifier)").path,
            withDestinationPath: victim.path)
        let environmentFile = directory.appendingPathComponent("operator.env").path
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: environmentFile) {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(FileManager.default.fileExists(atPath: environmentFile), "the emulator wrote no operator.env")
        for name in ["operator.env", "operator-key.pem"] {
            let path = directory.appendingPathComponent(name).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(name) is \(String(mode?.intValue ?? 0, radix: 8))")
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "untouched")
    }
}
