import AsyncHTTPClient
import DfnsAPI
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends signed event deliveries to webhook URLs.
struct WebhookDeliverer: Sendable {
    /// What the receiver answered.
    struct Outcome: Sendable, Equatable {
        /// The receiver's HTTP status code as text, or an error code when it could not be reached.
        var status: String
        /// Why the delivery failed to reach the receiver, if it did.
        var error: String?
        /// Whether the receiver answered 200.
        var succeeded: Bool { status == "200" }
    }

    let timeout: TimeInterval
    let logger: Logger

    /// The client for deliveries: it does not retry a refused connection (so an unreachable receiver fails at once,
    /// as a real delivery attempt does) and does not follow redirects. Like `HTTPClient.shared`, it lives as long
    /// as the process.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The body of a delivery: compact JSON of the payload.
    static func body(of payload: WebhookDeliveryPayload) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(payload)) ?? Data("{}".utf8)
    }

    /// POSTs `payload` to `url`, signed with `secret`.
    func deliver(_ payload: WebhookDeliveryPayload, to url: String, secret: String) async -> Outcome {
        let body = Self.body(of: payload)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "dfns-emulator-webhooks")
        request.headers.add(
            name: WebhookSignature.headerName, value: WebhookSignature.header(secret: secret, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await Self.client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            _ = try? await response.body.collect(upTo: 1 << 20)
            logger.debug("webhook delivery", metadata: ["url": "\(url)", "status": "\(response.status.code)"])
            return Outcome(status: String(response.status.code), error: nil)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return Outcome(status: "Timeout", error: "the receiver did not answer within \(Int(timeout)) seconds")
        } catch {
            logger.debug("webhook delivery failed", metadata: ["url": "\(url)", "error": "\(error)"])
            return Outcome(status: "ConnectionError", error: "could not reach \(url): \(error)")
        }
    }
}
