import DfnsAPI
import DfnsEmulator
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A real HTTP server on a loopback port that records what webhook deliveries it receives.
final class WebhookReceiver: Sendable {
    /// One delivery as received.
    struct Delivery: Sendable {
        var body: Data
        var signature: String?
    }

    private let deliveries = Mutex<[Delivery]>([])
    private let status: HTTPResponse.Status

    init(answering status: HTTPResponse.Status = .ok) {
        self.status = status
    }

    var received: [Delivery] { deliveries.withLock { $0 } }

    /// Runs the receiver while `body` runs, passing it the receiver's URL.
    func run<Value: Sendable>(_ body: @Sendable (String) async throws -> Value) async throws -> Value {
        let router = Router()
        router.post("/hook") { request, context in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let signature = request.headers[HTTPField.Name(WebhookSignature.headerName) ?? .authorization]
            self.deliveries.withLock {
                $0.append(Delivery(body: Data(buffer.readableBytesView), signature: signature))
            }
            return Response(status: self.status)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return try await body("http://127.0.0.1:\(port)/hook")
    }
}
