import Foundation

extension KeyAssertion {
    /// Why an assertion did not verify.
    public enum VerificationFailure: Error, Equatable, Sendable {
        case malformedClientData
        case wrongType(String)
        case challengeMismatch
        case badSignature
    }

    /// Verifies this assertion against a registered public key and the challenge the server issued.
    /// - Returns: nil when it verifies, otherwise the reason it does not.
    public func verificationFailure(publicKey: PublicSigningKey, expectedChallenge: String) -> VerificationFailure? {
        guard let clientBytes = Base64URL.decode(clientData),
            let decoded = try? JSONDecoder().decode(ClientData.self, from: clientBytes)
        else { return .malformedClientData }
        guard decoded.type == "key.get" else { return .wrongType(decoded.type) }
        guard decoded.challenge == expectedChallenge else { return .challengeMismatch }
        guard let signatureBytes = Base64URL.decode(signature),
            publicKey.isValidSignature(signatureBytes, for: clientBytes)
        else { return .badSignature }
        return nil
    }
}
