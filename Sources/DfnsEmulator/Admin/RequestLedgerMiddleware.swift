import Hummingbird

/// Records every Dfns API request and the status it got in the `RequestLedger`.
struct RequestLedgerMiddleware: DfnsAPIMiddleware {
    typealias Context = EmulatorRequestContext

    let ledger: RequestLedger

    func handleAPIRequest(_ request: Request, path: String, context: Context, next: Next) async throws -> Response {
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            await ledger.record(method: method, path: path, status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            await ledger.record(method: method, path: path, status: error.status.code)
            throw error
        } catch {
            await ledger.record(method: method, path: path, status: error is ConnectionDropped ? 0 : 500)
            throw error
        }
    }
}
