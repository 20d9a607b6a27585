import DfnsAPI
import Foundation
import Testing

@testable import DfnsOpsCore

@Suite("apply: principal endpoints")
struct PrincipalEndpointsTests {
    @Test("only service accounts and PATs have principal endpoints; another kind is reported, not guessed")
    func explicitKinds() throws {
        let signer = KeyCredentialSigner(
            credentialId: "cr-test", privateKey: try PrivateSigningKey(generating: .ecdsaP256))
        let client = HTTPDfnsClient(
            configuration: try DfnsClientConfiguration(
                baseURL: try #require(URL(string: "http://127.0.0.1:9")),
                identity: DfnsIdentity(token: "token", signer: signer)))
        _ = try PrincipalEndpoints(kind: .serviceAccount, client: client)
        _ = try PrincipalEndpoints(kind: .personalAccessToken, client: client)
        for kind in [ManifestKind.webhook, .passkeyPolicy, .secretStore, .settings] {
            let error = #expect(throws: ApplyError.self) { try PrincipalEndpoints(kind: kind, client: client) }
            #expect(error?.message.contains("internal error: \(kind.rawValue) is not a service account") == true)
        }
    }
}
