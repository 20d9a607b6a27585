import Crypto
import DfnsWire
import Foundation
import _CryptoExtras

/// A public key of a Key credential: ECDSA P-256, Ed25519 or RSA (2048 bits and up).
///
/// Loads SPKI (`BEGIN PUBLIC KEY`) and PKCS#1 RSA (`BEGIN RSA PUBLIC KEY`) PEM, verifies signatures
/// in the schemes Dfns uses, and names itself by fingerprint.
public struct PublicSigningKey: Sendable, CustomStringConvertible {
    enum Backing: Sendable {
        case p256(P256.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
    }

    let backing: Backing

    init(_ backing: Backing) {
        self.backing = backing
    }

    /// Loads a public key from PEM: SPKI for every algorithm, or PKCS#1 for RSA.
    /// - Throws: `KeyError` when the text is not a supported public key.
    public init(pem: String) throws {
        let label = PEMLabel.first(in: pem)
        switch label {
        case "RSA PUBLIC KEY":
            self.init(.rsa(try Self.loadRSA(pem)))
        case "PUBLIC KEY":
            if let key = try? P256.Signing.PublicKey(pemRepresentation: pem) {
                self.init(.p256(key))
            } else if let key = try? Curve25519.Signing.PublicKey(pemRepresentation: pem) {
                self.init(.ed25519(key))
            } else {
                self.init(.rsa(try Self.loadRSA(pem)))
            }
        case nil:
            throw KeyError("not a PEM public key: expected a '-----BEGIN PUBLIC KEY-----' block")
        case let other?:
            throw KeyError(
                "unsupported PEM block '\(other)': expected 'PUBLIC KEY' (SPKI) or 'RSA PUBLIC KEY' (PKCS#1)")
        }
    }

    private static func loadRSA(_ pem: String) throws -> _RSA.Signing.PublicKey {
        do {
            return try _RSA.Signing.PublicKey(pemRepresentation: pem)
        } catch {
            throw KeyError(
                "the public key is neither ECDSA P-256, Ed25519, nor RSA of at least 2048 bits; "
                    + "Dfns Key credentials accept only those")
        }
    }

    /// The algorithm family of this key.
    public var family: KeyFamily {
        switch backing {
        case .p256: .ecdsaP256
        case .ed25519: .ed25519
        case .rsa(let key): .rsa(bits: key.keySizeInBits)
        }
    }

    /// The SubjectPublicKeyInfo DER encoding.
    public var spkiDER: Data {
        switch backing {
        case .p256(let key): key.derRepresentation
        case .ed25519(let key): key.derRepresentation
        case .rsa(let key): key.derRepresentation
        }
    }

    /// The SPKI PEM text (`-----BEGIN PUBLIC KEY-----`), the form Dfns accepts in `publicKey`.
    public var pem: String {
        switch backing {
        case .p256(let key): key.pemRepresentation
        case .ed25519(let key): key.pemRepresentation
        case .rsa(let key): key.pemRepresentation
        }
    }

    /// `sha256:` and the first 16 hex digits of SHA-256 over the SPKI DER.
    public var fingerprint: String { Fingerprint.of(spkiDER) }

    /// Verifies a signature over `message` in the scheme Dfns uses for this key family:
    /// ECDSA-SHA256 in ASN.1 DER, raw Ed25519, or RSA PKCS#1 v1.5 with SHA-256.
    public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        let signature = Data(signature)
        let message = Data(message)
        switch backing {
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: message)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: message)
        case .rsa(let key):
            let parsed = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(parsed, for: message, padding: .insecurePKCS1v1_5)
        }
    }

    public var description: String { "PublicSigningKey(\(family), \(fingerprint))" }
}
