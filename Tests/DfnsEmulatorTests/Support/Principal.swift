import DfnsAPI
import DfnsEmulator
import HTTPTypes
import Hummingbird

/// A caller in tests: a bearer token and the Key credential that signs its user actions.
struct Principal: Sendable {
    var token: String
    var signer: KeyCredentialSigner

    init(token: String, signer: KeyCredentialSigner) {
        self.token = token
        self.signer = signer
    }

    /// The bootstrapped operator.
    init(_ credentials: OperatorCredentials) throws {
        self.init(token: credentials.authToken, signer: try credentials.signer())
    }

    /// The same token signing with another credential.
    func signing(with signer: KeyCredentialSigner) -> Principal {
        Principal(token: token, signer: signer)
    }
}
