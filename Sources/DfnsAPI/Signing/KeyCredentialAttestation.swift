import Crypto
import DfnsWire
import Foundation

/// Builds and checks the attestation that registers a new Key credential (`credentialInfo`).
///
/// Layout: client data of type `key.create` → the fingerprint JSON
/// `{"clientDataHash":"<hex sha256(clientData)>","publicKey":"<PEM>"}` signed by the new key (hex) →
/// `attestationData` = base64url of `{"publicKey":"<PEM>","signature":"<hex>"}`.
public enum KeyCredentialAttestation {
    /// The compact fingerprint JSON text that the new key signs.
    public static func fingerprintJSON(clientData: Data, publicKeyPEM: String) -> String {
        let hash = Hex.encode(SHA256.hash(data: clientData))
        return "{\"clientDataHash\":" + JSONText.quote(hash) + ",\"publicKey\":" + JSONText.quote(publicKeyPEM) + "}"
    }

    /// Creates the `credentialInfo` for a new key answering a `/auth/credentials/init` challenge.
    /// - Parameters:
    ///   - newKey: the key being registered; it signs its own attestation.
    ///   - credId: the credential id to register (any unique string).
    ///   - challenge: the `challenge` from the credential init response.
    ///   - origin: the origin put in client data, or nil to leave it out.
    /// - Throws: `KeyError` if signing fails.
    public static func make(
        newKey: PrivateSigningKey, credId: String, challenge: String, origin: String? = ClientData.defaultOrigin
    ) throws -> KeyCredentialInfo {
        let clientData = ClientData(type: "key.create", challenge: challenge, origin: origin).jsonBytes
        let publicKeyPEM = newKey.publicKey.pem
        let fingerprint = fingerprintJSON(clientData: clientData, publicKeyPEM: publicKeyPEM)
        let signature = Hex.encode(try newKey.sign(Data(fingerprint.utf8)))
        let attestation =
            "{\"publicKey\":" + JSONText.quote(publicKeyPEM) + ",\"signature\":" + JSONText.quote(signature) + "}"
        return KeyCredentialInfo(
            credId: credId,
            clientData: Base64URL.encode(clientData),
            attestationData: Base64URL.encode(Data(attestation.utf8))
        )
    }

    /// Why an attestation was refused.
    public enum VerificationFailure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case challengeMismatch
        case badSignature

        public var description: String {
            switch self {
            case .malformed(let what): "malformed credentialInfo: \(what)"
            case .challengeMismatch: "the client data does not carry the challenge that was issued"
            case .badSignature: "the attestation signature does not verify with the attested public key"
            }
        }
    }

    private struct AttestationData: Decodable {
        var publicKey: String
        var signature: String
    }

    /// Verifies a `credentialInfo` against the issued challenge and returns the attested public key.
    /// - Throws: `VerificationFailure`.
    public static func verify(_ info: KeyCredentialInfo, expectedChallenge: String) throws -> PublicSigningKey {
        guard let clientData = Base64URL.decode(info.clientData),
            let decoded = try? JSONDecoder().decode(ClientData.self, from: clientData)
        else { throw VerificationFailure.malformed("clientData is not base64url JSON") }
        guard decoded.type == "key.create" else {
            throw VerificationFailure.malformed("clientData type is '\(decoded.type)', expected 'key.create'")
        }
        guard decoded.challenge == expectedChallenge else { throw VerificationFailure.challengeMismatch }
        guard let attestationBytes = Base64URL.decode(info.attestationData),
            let attestation = try? JSONDecoder().decode(AttestationData.self, from: attestationBytes)
        else {
            throw VerificationFailure.malformed("attestationData is not base64url JSON with publicKey and signature")
        }
        guard let publicKey = try? PublicSigningKey(pem: attestation.publicKey) else {
            throw VerificationFailure.malformed("attestationData.publicKey is not a supported PEM public key")
        }
        guard let signature = Hex.decode(attestation.signature) else {
            throw VerificationFailure.malformed("attestationData.signature is not hex")
        }
        let fingerprint = fingerprintJSON(clientData: clientData, publicKeyPEM: attestation.publicKey)
        guard publicKey.isValidSignature(signature, for: Data(fingerprint.utf8)) else {
            throw VerificationFailure.badSignature
        }
        return publicKey
    }
}
