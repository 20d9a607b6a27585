import DfnsAPI
import Foundation
import Synchronization
import TestSupport

/// A real local HTTP server that plays the Dfns user-action authority (`/auth/action/init`, `/auth/action`),
/// checking signatures with the operator's public key, and hands every other request to a test's route.
final class ClientTestHarness: Sendable {
    /// A mutating call that arrived with a user-action token, and the init request that token was issued for.
    struct SignedCall: Sendable {
        var declared: UserActionInitRequest
        var request: HTTPTestServer.Request
    }

    struct State: Sendable {
        var challenges: [String: (challenge: String, declared: UserActionInitRequest)] = [:]
        var tokens: [String: UserActionInitRequest] = [:]
        var issuedTokens: [String] = []
        var verificationResults: [KeyAssertion.VerificationFailure?] = []
        var signedCalls: [SignedCall] = []
        var counter = 0
    }

    typealias Route = @Sendable (HTTPTestServer.Request) async -> HTTPTestServer.Response

    static let bearerToken = "bearer-secret-eyJhbGciOi.operator-token"
    static let credentialId = "cred-operator-1"

    let signingKey: PrivateSigningKey
    let state = Mutex(State())
    private let server = Mutex<HTTPTestServer?>(nil)

    private init(signingKey: PrivateSigningKey) {
        self.signingKey = signingKey
    }

    /// Starts the harness; `route` answers everything but the user-action steps, and `intercept`, when it
    /// returns a response, answers before anything else (to inject failures into the user-action steps).
    static func start(
        algorithm: KeyAlgorithm = .ecdsaP256,
        intercept: @escaping @Sendable (HTTPTestServer.Request) -> HTTPTestServer.Response? = { _ in nil },
        route: @escaping Route
    ) async throws -> ClientTestHarness {
        let harness = ClientTestHarness(signingKey: try PrivateSigningKey(generating: algorithm))
        let server = try await HTTPTestServer.start { [harness] request in
            if let response = intercept(request) { return response }
            return await harness.handle(request, route: route)
        }
        harness.server.withLock { $0 = server }
        return harness
    }

    var httpServer: HTTPTestServer {
        get throws {
            guard let server = server.withLock({ $0 }) else { throw HarnessError.notStarted }
            return server
        }
    }

    enum HarnessError: Error { case notStarted }

    var identity: DfnsIdentity {
        DfnsIdentity(
            token: Self.bearerToken,
            signer: KeyCredentialSigner(credentialId: Self.credentialId, privateKey: signingKey))
    }

    /// A client for this server whose sleeps are recorded instead of waited. Requests may take a minute: the server
    /// answers from this process, which parallel tests keep busy, and a timeout would add an unexpected retry.
    func client(maxAttempts: Int = 5, sleeps: SleepRecorder = SleepRecorder(), pageSize: Int = 100) throws
        -> HTTPDfnsClient
    {
        let configuration = try DfnsClientConfiguration(
            baseURL: try httpServer.baseURL, identity: identity, rateLimitPerMinute: 0, maxAttempts: maxAttempts,
            requestTimeout: .seconds(60), pageSize: pageSize)
        let policy = RetryPolicy(
            maxAttempts: maxAttempts, random: { 0.5 }, sleep: { duration in sleeps.record(duration) })
        return HTTPDfnsClient(configuration: configuration, retryPolicy: policy)
    }

    func shutdown() async {
        await server.withLock { $0 }?.shutdown()
    }

    var issuedTokens: [String] { state.withLock { $0.issuedTokens } }
    var signedCalls: [SignedCall] { state.withLock { $0.signedCalls } }
    var verificationResults: [KeyAssertion.VerificationFailure?] { state.withLock { $0.verificationResults } }

    private func handle(_ request: HTTPTestServer.Request, route: Route) async -> HTTPTestServer.Response {
        switch (request.method, request.path) {
        case ("POST", "/auth/action/init"):
            guard let declared = try? JSONDecoder().decode(UserActionInitRequest.self, from: request.body) else {
                return Self.error(400, "invalid init body")
            }
            let (challenge, identifier) = state.withLock { state in
                state.counter += 1
                let challenge = Base64URL.encode(Data("challenge-\(state.counter)-\(UUID())".utf8))
                let identifier = "ci-\(state.counter)"
                state.challenges[identifier] = (challenge, declared)
                return (challenge, identifier)
            }
            return .json(
                encoding: UserActionChallenge(
                    challenge: challenge, challengeIdentifier: identifier,
                    allowCredentials: AllowCredentials(key: [AllowedCredential(id: Self.credentialId)])))
        case ("POST", "/auth/action"):
            guard let complete = try? JSONDecoder().decode(UserActionCompleteRequest.self, from: request.body),
                let issued = state.withLock({ $0.challenges.removeValue(forKey: complete.challengeIdentifier) })
            else { return Self.error(400, "unknown challenge") }
            let failure = complete.firstFactor.credentialAssertion.verificationFailure(
                publicKey: signingKey.publicKey, expectedChallenge: issued.challenge)
            let token: String? = state.withLock { state in
                state.verificationResults.append(failure)
                guard failure == nil else { return nil }
                let token = "ua-secret-token-\(state.counter)-\(UUID().uuidString)"
                state.tokens[token] = issued.declared
                state.issuedTokens.append(token)
                return token
            }
            guard let token else { return Self.error(401, "signature does not verify") }
            return .json(encoding: UserActionResponse(userAction: token))
        default:
            if let token = request.header("X-DFNS-USERACTION") {
                let declared = state.withLock { $0.tokens.removeValue(forKey: token) }
                guard let declared else { return Self.error(403, "user action signature is missing or invalid") }
                state.withLock { $0.signedCalls.append(SignedCall(declared: declared, request: request)) }
            }
            return await route(request)
        }
    }

    static func error(_ status: Int, _ message: String, id: String = "err-1") -> HTTPTestServer.Response {
        .json(status, #"{"error":{"id":"\#(id)","status":\#(status),"message":"\#(message)"}}"#)
    }
}

/// Records the delays a client asked to sleep, instead of sleeping.
final class SleepRecorder: Sendable {
    private let durations = Mutex<[Duration]>([])

    func record(_ duration: Duration) {
        durations.withLock { $0.append(duration) }
    }

    var recorded: [Duration] { durations.withLock { $0 } }
}
