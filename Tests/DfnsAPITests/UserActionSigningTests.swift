import DfnsAPI
import Foundation
import Testing

@Suite("User-action signing and credential attestation")
struct UserActionSigningTests {
    @Test("base64url output never has padding and round-trips", arguments: 0..<48)
    func base64URLHasNoPadding(length: Int) throws {
        let bytes = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) })
        let encoded = Base64URL.encode(bytes)
        #expect(!encoded.contains("="))
        #expect(!encoded.contains("+") && !encoded.contains("/"))
        #expect(Base64URL.decode(encoded) == bytes)
    }

    @Test("client data is the compact JSON the SDKs send")
    func clientDataLayout() {
        let data = ClientData(type: "key.get", challenge: "ch-\"1\"").jsonBytes
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"type":"key.get","challenge":"ch-\"1\"","origin":"https://app.dfns.io","crossOrigin":false}"#)
    }

    @Test(
        "an assertion verifies with the signer's public key, and only for its challenge",
        arguments: KeyAlgorithm.allCases.prefix(3))
    func assertionVerifies(_ algorithm: KeyAlgorithm) throws {
        let key = try PrivateSigningKey(generating: algorithm)
        let signer = KeyCredentialSigner(credentialId: "cred-1", privateKey: key)
        let assertion = try signer.assertion(forChallenge: "challenge-xyz")
        #expect(assertion.credId == "cred-1")
        #expect(!assertion.clientData.contains("=") && !assertion.signature.contains("="))
        #expect(assertion.verificationFailure(publicKey: key.publicKey, expectedChallenge: "challenge-xyz") == nil)
        #expect(
            assertion.verificationFailure(publicKey: key.publicKey, expectedChallenge: "other") == .challengeMismatch)
        let otherKey = try PrivateSigningKey(generating: algorithm)
        #expect(
            assertion.verificationFailure(publicKey: otherKey.publicKey, expectedChallenge: "challenge-xyz")
                == .badSignature)
    }

    /// The expected values were computed outside Swift; see Fixtures/attestation-ed25519.md.
    struct HandComputed: Decodable {
        var challenge: String
        var credId: String
        var clientDataHash: String
        var fingerprintJSON: String
        var signatureHex: String
        var clientData: String
        var attestationData: String
    }

    @Test("the attestation matches a hand-computed Ed25519 example byte for byte")
    func attestationMatchesHandComputedExample() throws {
        let expected = try JSONDecoder().decode(
            HandComputed.self, from: Data(contentsOf: Fixtures.url("attestation-ed25519.json")))
        let key = try PrivateSigningKey(pem: Fixtures.text("keys/ed25519-pkcs8.pem"))
        let info = try KeyCredentialAttestation.make(
            newKey: key, credId: expected.credId, challenge: expected.challenge)
        #expect(info.credId == expected.credId)
        #expect(info.clientData == expected.clientData)
        #expect(info.attestationData == expected.attestationData)
        let clientData = try #require(Base64URL.decode(info.clientData))
        #expect(
            KeyCredentialAttestation.fingerprintJSON(clientData: clientData, publicKeyPEM: key.publicKey.pem)
                == expected.fingerprintJSON)
        #expect(!info.clientData.contains("=") && !info.attestationData.contains("="))
    }

    @Test("attestations of every algorithm verify, and tampering is caught", arguments: KeyAlgorithm.allCases.prefix(3))
    func attestationVerifies(_ algorithm: KeyAlgorithm) throws {
        let key = try PrivateSigningKey(generating: algorithm)
        let info = try KeyCredentialAttestation.make(newKey: key, credId: "c", challenge: "chal")
        let attested = try KeyCredentialAttestation.verify(info, expectedChallenge: "chal")
        #expect(attested.fingerprint == key.publicKey.fingerprint)
        #expect(throws: KeyCredentialAttestation.VerificationFailure.challengeMismatch) {
            try KeyCredentialAttestation.verify(info, expectedChallenge: "other")
        }
        let impostor = try KeyCredentialAttestation.make(
            newKey: try PrivateSigningKey(generating: algorithm), credId: "c", challenge: "chal")
        var forged = info
        forged.attestationData = impostor.attestationData
        forged.clientData = Base64URL.encode(Data(#"{"type":"key.create","challenge":"chal"}"#.utf8))
        #expect(throws: KeyCredentialAttestation.VerificationFailure.badSignature) {
            try KeyCredentialAttestation.verify(forged, expectedChallenge: "chal")
        }
    }
}
