import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// The ``DfnsClient`` over HTTP (AsyncHTTPClient): bearer auth, user-action signing for every mutating call,
/// pagination, retries of idempotent requests, pacing, and errors that never carry a secret.
///
/// Copies made by ``acting(as:)`` share the HTTP client, the rate limiter and the request counter.
public struct HTTPDfnsClient: DfnsClient {
    /// The settings in use, including the identity the client acts as.
    public private(set) var configuration: DfnsClientConfiguration
    /// When and how idempotent requests are retried.
    public let retryPolicy: RetryPolicy
    /// Counts every HTTP request sent, retries and user-action steps included.
    public let requestCounter: RequestCounter

    /// Asked before every mutating call; nil admits everything.
    var mutationGate: (any MutationGate)?
    let httpClient: HTTPClient
    let rateLimiter: TokenBucket?
    let logger: Logger

    /// A process-wide HTTP client that does not follow redirects (so the bearer token never goes elsewhere).
    /// It is never shut down.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: URL, identity, pacing and retry settings.
    ///   - httpClient: the HTTP client to use (default ``sharedHTTPClient``); the caller owns its lifetime.
    ///   - retryPolicy: overrides the retry timing (its `maxAttempts` wins over the configuration's).
    ///   - logger: where retries and pacing are logged (never headers or bodies).
    public init(
        configuration: DfnsClientConfiguration, httpClient: HTTPClient = HTTPDfnsClient.sharedHTTPClient,
        retryPolicy: RetryPolicy? = nil, logger: Logger = Logger(label: "dfnsops.dfns-client")
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.retryPolicy = retryPolicy ?? RetryPolicy(maxAttempts: configuration.maxAttempts)
        self.rateLimiter =
            configuration.rateLimitPerMinute > 0 ? TokenBucket(perMinute: configuration.rateLimitPerMinute) : nil
        self.requestCounter = RequestCounter()
        self.logger = logger
    }

    /// The number of HTTP requests sent so far by this client and every copy sharing its counter.
    public var requestCount: Int { requestCounter.value }

    /// The same client acting as another principal; the HTTP client, rate limiter and counter are shared.
    /// - Parameter identity: the token and signing credential to use.
    public func acting(as identity: DfnsIdentity) -> HTTPDfnsClient {
        var copy = self
        copy.configuration.identity = identity
        return copy
    }

    /// The same client with every mutating call first put to `gate`; the HTTP client, rate limiter and counter
    /// are shared.
    public func gated(by gate: (any MutationGate)?) -> HTTPDfnsClient {
        var copy = self
        copy.mutationGate = gate
        return copy
    }

    /// Obtains a one-time `X-DFNS-USERACTION` token for a call: init, sign the challenge, complete.
    /// - Parameters:
    ///   - method: the call's HTTP method.
    ///   - path: the call's path with parameters filled in and no query string.
    ///   - payload: the exact body text that will be sent, or `""` when there is none.
    /// - Returns: the token; it is a secret, good for one call.
    /// - Throws: ``DfnsAPIError`` when a step fails or the signing credential is not among the caller's.
    public func userActionToken(method: String, path: String, payload: String) async throws -> String {
        let authorizing = "\(method) \(path)"
        guard let signer = configuration.identity.signer else {
            throw DfnsAPIError(
                kind: .signing, method: method, path: path,
                message: "this run has a read-only identity (a token and no key), so it changes nothing; "
                    + "commands that change the organisation need DFNS_CRED_ID and DFNS_PRIVATE_KEY")
        }
        do {
            let challenge = try await initUserAction(
                UserActionInitRequest(method: method, path: path, payload: payload))
            let allowed = challenge.allowCredentials.key.map(\.id)
            if !allowed.isEmpty && !allowed.contains(signer.credentialId) {
                throw DfnsAPIError(
                    kind: .signing, method: "POST", path: "/auth/action/init",
                    message: "credential \(signer.credentialId) is not among the caller's active Key credentials "
                        + "(\(allowed.joined(separator: ", "))): check DFNS_CRED_ID and the token it belongs to")
            }
            let assertion: KeyAssertion
            do {
                assertion = try signer.assertion(forChallenge: challenge.challenge)
            } catch {
                throw DfnsAPIError(
                    kind: .signing, method: "POST", path: "/auth/action",
                    message: "signing the challenge with credential \(signer.credentialId) failed")
            }
            let response = try await completeUserAction(
                UserActionCompleteRequest(
                    challengeIdentifier: challenge.challengeIdentifier,
                    firstFactor: UserActionFactor(credentialAssertion: assertion)))
            return response.userAction
        } catch var error as DfnsAPIError {
            error.authorizing = authorizing
            throw error
        }
    }
}
