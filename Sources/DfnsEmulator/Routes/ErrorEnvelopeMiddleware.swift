import DfnsAPI
import Hummingbird

/// Turns Hummingbird's own errors (unknown route, oversized body) into the Dfns error envelope.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    func handle(
        _ request: Request, context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let message =
                error.status == .notFound
                ? "no route for \(request.method.rawValue) \(request.uri.path)"
                : (error.body ?? error.status.reasonPhrase)
            throw EmulatorError(error.status.code, message)
        }
    }
}
