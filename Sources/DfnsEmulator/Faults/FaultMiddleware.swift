import DfnsAPI
import Hummingbird
import Logging
import NIOCore

/// Applies injected faults to Dfns API requests (never to the admin API).
struct FaultMiddleware: DfnsAPIMiddleware {
    typealias Context = EmulatorRequestContext

    let injector: FaultInjector

    func handleAPIRequest(_ request: Request, path: String, context: Context, next: Next) async throws -> Response {
        guard let rule = await injector.decide(method: request.method.rawValue, path: path) else {
            return try await next(request, context)
        }
        context.logger.info(
            "injecting fault",
            metadata: ["fault": "\(rule.id ?? "?")", "action": "\(rule.action.rawValue)", "path": "\(path)"])
        if let latency = rule.latencyMs, latency > 0 {
            try await Task.sleep(for: .milliseconds(latency))
        }
        switch rule.action {
        case .latency:
            return try await next(request, context)
        case .fail:
            throw injectedError(rule)
        case .drop:
            try await drop(context)
        case .commitThenFail:
            _ = try? await next(request, context)
            throw injectedError(rule)
        case .commitThenDrop:
            _ = try? await next(request, context)
            try await drop(context)
        }
    }

    private func injectedError(_ rule: FaultRule) -> EmulatorError {
        let status = rule.status ?? 500
        let message = rule.message ?? (status == 429 ? "rate limit exceeded" : "injected fault \(rule.id ?? "")")
        return EmulatorError(
            status, message, details: .object(["injectedFault": .string(rule.id ?? "")]),
            headers: status == 429 ? ["Retry-After": "1"] : [:])
    }

    /// Closes the connection without writing a byte, then unwinds the request.
    private func drop(_ context: EmulatorRequestContext) async throws -> Never {
        try? await context.channel.close()
        throw ConnectionDropped()
    }
}
