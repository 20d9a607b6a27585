import DfnsAPI
import HTTPTypes
import Hummingbird

/// New keys and signers for tests.
enum KeyFactory {
    static func signer(_ algorithm: KeyAlgorithm = .ecdsaP256, credentialId: String = "") throws -> KeyCredentialSigner
    {
        KeyCredentialSigner(credentialId: credentialId, privateKey: try PrivateSigningKey(generating: algorithm))
    }
}
