import Hummingbird

/// A middleware for the Dfns API routes only: requests to the admin API (``AdminRoutes/prefix``) pass it untouched.
protocol DfnsAPIMiddleware: RouterMiddleware where Context == EmulatorRequestContext {
    /// The rest of the chain.
    typealias Next = (Request, EmulatorRequestContext) async throws -> Response

    /// Handles a Dfns API request whose path is `path`.
    func handleAPIRequest(_ request: Request, path: String, context: Context, next: Next) async throws -> Response
}

extension DfnsAPIMiddleware {
    func handle(_ request: Request, context: Context, next: Next) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix(AdminRoutes.prefix) else { return try await next(request, context) }
        return try await handleAPIRequest(request, path: path, context: context, next: next)
    }
}
