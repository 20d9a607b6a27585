import Crypto
import Foundation
import _CryptoExtras

/// A private key of a Key credential: ECDSA P-256, Ed25519 or RSA (2048 bits and up).
///
/// Its `description` never shows the key: only the family and the public key's fingerprint.
public struct PrivateSigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    enum Backing: Sendable {
        case p256(P256.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let backing: Backing

    /// Generates a new keypair of the given algorithm.
    /// - Throws: `KeyError` if the system cannot generate an RSA key.
    public init(generating algorithm: KeyAlgorithm) throws {
        switch algorithm {
        case .ecdsaP256: backing = .p256(P256.Signing.PrivateKey())
        case .ed25519: backing = .ed25519(Curve25519.Signing.PrivateKey())
        case .rsa2048, .rsa3072, .rsa4096:
            let size: _RSA.Signing.KeySize =
                switch algorithm {
                case .rsa3072: .bits3072
                case .rsa4096: .bits4096
                default: .bits2048
                }
            do {
                backing = .rsa(try _RSA.Signing.PrivateKey(keySize: size))
            } catch {
                throw KeyError("could not generate an \(algorithm.rawValue) key: \(error)")
            }
        }
    }

    /// Loads a private key from PEM: PKCS#8 (`PRIVATE KEY`) for every algorithm, SEC1 (`EC PRIVATE KEY`)
    /// for P-256, or PKCS#1 (`RSA PRIVATE KEY`) for RSA.
    /// - Throws: `KeyError` naming the problem; the message never contains key material.
    public init(pem: String) throws {
        switch PEMLabel.first(in: pem) {
        case "EC PRIVATE KEY":
            guard let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) else {
                throw KeyError(
                    "the EC private key is not on curve P-256 (secp256r1); dfnsops signs with P-256, Ed25519 or RSA")
            }
            backing = .p256(key)
        case "RSA PRIVATE KEY":
            backing = .rsa(try Self.loadRSA(pem))
        case "PRIVATE KEY":
            if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
                backing = .p256(key)
            } else if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) {
                backing = .rsa(key)
            } else if let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: pem) {
                backing = .ed25519(key)
            } else {
                throw KeyError(
                    "the PKCS#8 private key is not ECDSA P-256, Ed25519, or RSA of at least 2048 bits")
            }
        case "ENCRYPTED PRIVATE KEY":
            throw KeyError(
                "the private key is encrypted; decrypt it first (openssl pkey -in KEY.pem -out plain.pem) "
                    + "and keep the plain file readable only by you")
        case nil:
            throw KeyError(
                "not a PEM private key: expected a block whose first line names PRIVATE KEY, EC PRIVATE KEY "
                    + "or RSA PRIVATE KEY")
        case let other?:
            throw KeyError(
                "unsupported PEM block '\(other)': expected 'PRIVATE KEY', 'EC PRIVATE KEY' or 'RSA PRIVATE KEY'")
        }
    }

    private static func loadRSA(_ pem: String) throws -> _RSA.Signing.PrivateKey {
        do {
            return try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw KeyError("the RSA private key could not be read, or is shorter than 2048 bits")
        }
    }

    /// The algorithm family of this key.
    public var family: KeyFamily { publicKey.family }

    /// The matching public key.
    public var publicKey: PublicSigningKey {
        switch backing {
        case .p256(let key): PublicSigningKey(.p256(key.publicKey))
        case .ed25519(let key): PublicSigningKey(.ed25519(key.publicKey))
        case .rsa(let key): PublicSigningKey(.rsa(key.publicKey))
        }
    }

    /// The key as PKCS#8 PEM (a `PRIVATE KEY` block), the form dfnsops writes to a secret store.
    ///
    /// Only the secret store and the emulator's bootstrap write this text; it is never printed.
    public var pkcs8PEM: String {
        switch backing {
        case .p256(let key): key.pemRepresentation
        case .ed25519(let key): key.pemRepresentation
        case .rsa(let key): key.pkcs8PEMRepresentation
        }
    }

    /// Signs `message` the way Dfns expects for this key family: ECDSA-SHA256 as ASN.1 DER,
    /// raw Ed25519 (64 bytes), or RSA PKCS#1 v1.5 with SHA-256.
    /// - Throws: `KeyError` if the cryptographic library fails.
    public func sign(_ message: some DataProtocol) throws -> Data {
        let message = Data(message)
        do {
            switch backing {
            case .p256(let key): return try key.signature(for: message).derRepresentation
            case .ed25519(let key): return try key.signature(for: message)
            case .rsa(let key): return try key.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation
            }
        } catch {
            throw KeyError("signing with the \(family) key \(publicKey.fingerprint) failed")
        }
    }

    public var description: String { "PrivateSigningKey(\(family), \(publicKey.fingerprint), <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
