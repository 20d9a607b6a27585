import Hummingbird

/// Records every Dfns API request and the status it got in the `RequestLedger`.
struct RequestLedgerMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let ledger: RequestLedger

    func handle(
        _ request: Request, context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix(AdminRoutes.prefix) else { return try await next(request, context) }
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            await ledger.record(method: method, path: path, status: response.status.code)
            return response
        } catch let error as HTTPResponseError {
            await ledger.record(method: method, path: path, status: error.status.code)
            throw error
        } catch {
            await ledger.record(method: method, path: path, status: error is ConnectionDropped ? 0 : 500)
            throw error
        }
    }
}
