import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 and a free port, for testing HTTP clients end to end.
///
/// Every request is recorded (method, path, query, headers and the exact body bytes) before the handler
/// answers it. Stop it with ``shutdown()``.
public final class HTTPTestServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        /// The method, e.g. `POST`.
        public var method: String
        /// The path without query string, as sent (still percent-encoded).
        public var path: String
        /// The query parameters, decoded.
        public var query: [String: String]
        /// The headers in the order received.
        public var headers: [(name: String, value: String)]
        /// The body bytes exactly as received.
        public var body: Data

        /// The first value of a header, matched case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body as UTF-8 text.
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// What the server answers.
    public struct Response: Sendable {
        /// The HTTP status.
        public var status: Int
        /// Extra headers (Content-Length is added).
        public var headers: [(name: String, value: String)]
        /// The body bytes.
        public var body: Data
        /// Close the connection without answering, to simulate a transport failure.
        public var dropsConnection: Bool

        /// Creates a response.
        public init(
            status: Int, headers: [(name: String, value: String)] = [], body: Data = Data(),
            dropsConnection: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.dropsConnection = dropsConnection
        }

        /// A 200 JSON response from JSON text.
        public static func json(_ text: String, headers: [(name: String, value: String)] = []) -> Response {
            json(200, text, headers: headers)
        }

        /// A JSON response from JSON text.
        public static func json(
            _ status: Int, _ text: String, headers: [(name: String, value: String)] = []
        ) -> Response {
            Response(
                status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
        }

        /// A JSON response encoding a value.
        public static func json(_ status: Int = 200, encoding value: some Encodable) -> Response {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = (try? encoder.encode(value)) ?? Data("null".utf8)
            return Response(status: status, headers: [("Content-Type", "application/json")], body: body)
        }

        /// Closes the connection without an answer.
        public static let drop = Response(status: 0, dropsConnection: true)
    }

    /// Answers one request.
    public typealias Handler = @Sendable (Request) async -> Response

    /// The port the server listens on.
    public let port: Int
    private let channel: any Channel
    private let core: Core

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Every request received so far, in order.
    public var requests: [Request] { core.recorded.withLock { $0 } }

    /// The requests received for one method and path.
    public func requests(_ method: String, _ path: String) -> [Request] {
        requests.filter { $0.method == method && $0.path == path }
    }

    /// Starts a server on 127.0.0.1 and a free port.
    /// - Parameter handler: answers each request.
    /// - Throws: when the socket cannot be bound.
    public static func start(_ handler: @escaping Handler) async throws -> HTTPTestServer {
        let core = Core(handler: handler)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                core.children.withLock { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(core: core))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw TestServerError.noPort
        }
        return HTTPTestServer(port: port, channel: channel, core: core)
    }

    private init(port: Int, channel: any Channel, core: Core) {
        self.port = port
        self.channel = channel
        self.core = core
    }

    /// Stops listening and closes every open connection.
    public func shutdown() async {
        try? await channel.close()
        for child in core.children.withLock({ $0 }) {
            try? await child.close()
        }
    }

    /// Why the server could not start.
    public enum TestServerError: Error {
        /// The bound socket reported no port.
        case noPort
    }

    /// State shared by the server and its connections.
    fileprivate final class Core: Sendable {
        let handler: Handler
        let recorded = Mutex<[Request]>([])
        let children = Mutex<[any Channel]>([])

        init(handler: @escaping Handler) {
            self.handler = handler
        }
    }
}

/// Collects one request's head and body, records it, and writes the handler's answer.
private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let core: HTTPTestServer.Core
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(core: HTTPTestServer.Core) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = Self.request(head, body: Data(body.readableBytesView))
            core.recorded.withLock { $0.append(request) }
            let handler = core.handler
            let keepAlive = head.isKeepAlive
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.makeFutureWithTask { await handler(request) }
                .whenComplete { result in
                    let (me, context) = bound.value
                    switch result {
                    case .success(let response): me.write(response, context: context, keepAlive: keepAlive)
                    case .failure: context.close(promise: nil)
                    }
                }
        }
    }

    private func write(_ response: HTTPTestServer.Response, context: ChannelHandlerContext, keepAlive: Bool) {
        if response.dropsConnection {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    private static func request(_ head: HTTPRequestHead, body: Data) -> HTTPTestServer.Request {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if parts.count == 2, let items = URLComponents(string: "?" + parts[1])?.queryItems {
            for item in items { query[item.name] = item.value ?? "" }
        }
        return HTTPTestServer.Request(
            method: head.method.rawValue, path: String(parts[0]), query: query,
            headers: head.headers.map { ($0.name, $0.value) }, body: body)
    }
}
