import DfnsWire
import Foundation
import Testing

@Suite("Fingerprints")
struct FingerprintTests {
    @Test("fingerprints are sha256: and 16 lowercase hex digits")
    func webhookSecret() {
        let fingerprint = Fingerprint.ofWebhookSecret("abc")
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        #expect(fingerprint == "sha256:ba7816bf8f01cfea")
        #expect(Fingerprint.isWellFormed(fingerprint))
        #expect(!Fingerprint.isWellFormed("sha256:BA7816BF8F01CFEA"))
        #expect(!Fingerprint.isWellFormed("sha256:ba7816bf8f01cfe"))
        #expect(!Fingerprint.isWellFormed("md5:ba7816bf8f01cfea"))
    }

    @Test("bytes and a secret's UTF-8 bytes give the same fingerprint, whatever collection holds them")
    func bytes() {
        let secret = "whs-é-secret"
        #expect(Fingerprint.of(Data(secret.utf8)) == Fingerprint.ofWebhookSecret(secret))
        #expect(Fingerprint.of(Array(secret.utf8)) == Fingerprint.ofWebhookSecret(secret))
        // SHA-256 of no bytes = e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        #expect(Fingerprint.of(Data()) == "sha256:e3b0c44298fc1c14")
    }
}
