import DfnsAPI
import Foundation
import Testing

@Suite("Loading keys made by openssl")
struct KeyLoadingTests {
    struct PrivateFixture: Sendable, CustomTestStringConvertible {
        var file: String
        var family: KeyFamily
        var publicFile: String
        var testDescription: String { file }
    }

    static let privateFixtures = [
        PrivateFixture(file: "keys/rsa2048-pkcs1.pem", family: .rsa(bits: 2048), publicFile: "keys/rsa2048.pub.pem"),
        PrivateFixture(file: "keys/rsa2048-pkcs8.pem", family: .rsa(bits: 2048), publicFile: "keys/rsa2048.pub.pem"),
        PrivateFixture(file: "keys/p256-sec1.pem", family: .ecdsaP256, publicFile: "keys/p256.pub.pem"),
        PrivateFixture(file: "keys/p256-pkcs8.pem", family: .ecdsaP256, publicFile: "keys/p256.pub.pem"),
        PrivateFixture(file: "keys/ed25519-pkcs8.pem", family: .ed25519, publicFile: "keys/ed25519.pub.pem"),
    ]

    /// The fingerprints openssl computed when the fixtures were made (see keys/make-keys.sh).
    static func expectedFingerprints() throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try Fixtures.text("keys/fingerprints.txt").split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { result["keys/" + parts[0]] = String(parts[1]) }
        }
        return result
    }

    @Test("private keys load with the right family and fingerprint", arguments: privateFixtures)
    func privateKeyLoads(_ fixture: PrivateFixture) throws {
        let key = try PrivateSigningKey(pem: Fixtures.text(fixture.file))
        #expect(key.family == fixture.family)
        let expected = try #require(try Self.expectedFingerprints()[fixture.publicFile])
        #expect(key.publicKey.fingerprint == expected)
    }

    @Test(
        "public keys load from SPKI and PKCS#1",
        arguments: [
            ("keys/rsa2048.pub.pem", "keys/rsa2048.pub.pem"),
            ("keys/rsa2048-pkcs1.pub.pem", "keys/rsa2048.pub.pem"),
            ("keys/p256.pub.pem", "keys/p256.pub.pem"),
            ("keys/ed25519.pub.pem", "keys/ed25519.pub.pem"),
        ])
    func publicKeyLoads(file: String, spkiFile: String) throws {
        let key = try PublicSigningKey(pem: Fixtures.text(file))
        let expected = try #require(try Self.expectedFingerprints()[spkiFile])
        #expect(key.fingerprint == expected)
        // The PEM we would send to Dfns is SPKI, whatever form we loaded.
        #expect(key.pem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }

    @Test("generated keys of every algorithm round-trip through PKCS#8 PEM", arguments: KeyAlgorithm.allCases)
    func generatedKeysRoundTrip(_ algorithm: KeyAlgorithm) throws {
        let key = try PrivateSigningKey(generating: algorithm)
        let reloaded = try PrivateSigningKey(pem: key.pkcs8PEM)
        #expect(reloaded.publicKey.fingerprint == key.publicKey.fingerprint)
        let expectedFamily: KeyFamily =
            switch algorithm {
            case .ecdsaP256: .ecdsaP256
            case .ed25519: .ed25519
            case .rsa2048: .rsa(bits: 2048)
            case .rsa3072: .rsa(bits: 3072)
            case .rsa4096: .rsa(bits: 4096)
            }
        #expect(key.family == expectedFamily)
    }

    @Test("bad key text gives a clear error that never contains the input")
    func badKeysAreRefused() throws {
        let rsa = try Fixtures.text("keys/rsa2048-pkcs1.pem")
        let truncated = String(rsa.prefix(200)) + "\n-----END RSA PRIVATE KEY-----\n"
        for input in ["not a key", truncated, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"] {
            let error = try #require(throws: KeyError.self) { try PrivateSigningKey(pem: input) }
            #expect(!error.message.isEmpty)
            #expect(!error.message.contains("MII"))
        }
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
        let error = try #require(throws: KeyError.self) { try PrivateSigningKey(pem: encrypted) }
        #expect(error.message.contains("encrypted"))
    }

    @Test("a private key never shows its value when printed", arguments: privateFixtures)
    func privateKeyDescriptionIsRedacted(_ fixture: PrivateFixture) throws {
        let pem = try Fixtures.text(fixture.file)
        let key = try PrivateSigningKey(pem: pem)
        let body = pem.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        var dumped = ""
        dump(key, to: &dumped)
        for text in [
            "\(key)", String(reflecting: key), dumped, "\(KeyCredentialSigner(credentialId: "c", privateKey: key))",
        ] {
            #expect(!text.contains(body))
            #expect(!text.contains("PRIVATE KEY"))
            #expect(text.contains(key.publicKey.fingerprint) || text.isEmpty == false)
        }
    }
}
