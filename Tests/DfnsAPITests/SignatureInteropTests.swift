import DfnsAPI
import Foundation
import TestSupport
import Testing

/// Signatures made by DfnsAPI verify with openssl, and signatures made by openssl verify with DfnsAPI.
@Suite("Signature interoperability with openssl")
struct SignatureInteropTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var privateFile: String
        var publicFile: String
        var isEd25519: Bool
        var testDescription: String { privateFile }
    }

    static let cases = [
        Case(privateFile: "keys/rsa2048-pkcs1.pem", publicFile: "keys/rsa2048.pub.pem", isEd25519: false),
        Case(privateFile: "keys/p256-sec1.pem", publicFile: "keys/p256.pub.pem", isEd25519: false),
        Case(privateFile: "keys/ed25519-pkcs8.pem", publicFile: "keys/ed25519.pub.pem", isEd25519: true),
    ]

    static let message = Data(
        #"{"type":"key.get","challenge":"abc-123","origin":"https://app.dfns.io","crossOrigin":false}"#.utf8)

    @Test("a DfnsAPI signature verifies with openssl", arguments: cases)
    func ourSignatureVerifiesWithOpenSSL(_ c: Case) async throws {
        let dir = try TemporaryDirectory()
        let key = try PrivateSigningKey(pem: Fixtures.text(c.privateFile))
        try Self.message.write(to: dir.file("msg"))
        try key.sign(Self.message).write(to: dir.file("sig"))
        let pub = Fixtures.url(c.publicFile).path
        let result =
            c.isEd25519
            ? try await CommandRunner.run(
                "openssl",
                [
                    "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", dir.file("msg").path, "-sigfile",
                    dir.file("sig").path,
                ])
            : try await CommandRunner.run(
                "openssl",
                ["dgst", "-sha256", "-verify", pub, "-signature", dir.file("sig").path, dir.file("msg").path])
        #expect(result.status == 0, "openssl said: \(result.stdoutText) \(result.stderrText)")

        // And a tampered message must not verify, so the check above can fail.
        try Data("tampered".utf8).write(to: dir.file("msg"))
        let tampered =
            c.isEd25519
            ? try await CommandRunner.run(
                "openssl",
                [
                    "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", dir.file("msg").path, "-sigfile",
                    dir.file("sig").path,
                ])
            : try await CommandRunner.run(
                "openssl",
                ["dgst", "-sha256", "-verify", pub, "-signature", dir.file("sig").path, dir.file("msg").path])
        #expect(tampered.status != 0)
    }

    @Test("an openssl signature verifies with DfnsAPI", arguments: cases)
    func openSSLSignatureVerifiesWithUs(_ c: Case) async throws {
        let dir = try TemporaryDirectory()
        try Self.message.write(to: dir.file("msg"))
        let keyPath = Fixtures.url(c.privateFile).path
        let result =
            c.isEd25519
            ? try await CommandRunner.run(
                "openssl",
                [
                    "pkeyutl", "-sign", "-inkey", keyPath, "-rawin", "-in", dir.file("msg").path, "-out",
                    dir.file("sig").path,
                ])
            : try await CommandRunner.run(
                "openssl", ["dgst", "-sha256", "-sign", keyPath, "-out", dir.file("sig").path, dir.file("msg").path])
        try #require(result.status == 0, "openssl said: \(result.stderrText)")
        let signature = try Data(contentsOf: dir.file("sig"))
        let publicKey = try PublicSigningKey(pem: Fixtures.text(c.publicFile))
        #expect(publicKey.isValidSignature(signature, for: Self.message))
        #expect(!publicKey.isValidSignature(signature, for: Data("other".utf8)))
    }
}
