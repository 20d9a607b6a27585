import Foundation
import HTTPTypes
import Hummingbird

/// What an endpoint's operation receives once the gateway's checks pass: the caller, the body, and the path and
/// query parameters, with the readers every endpoint shares.
struct RouteInput: Sendable {
    /// The authenticated caller.
    let caller: Caller
    /// The request body, as sent.
    let body: Data
    /// The path parameters (`:id` and the like).
    let parameters: Parameters
    /// The query parameters.
    let query: Parameters

    /// The path parameter `name`.
    func id(_ name: String = "id") throws -> String {
        try parameters.require(name)
    }

    /// The `limit` and `paginationToken` of a paginated list, checked as Dfns checks them.
    func page() throws -> PageRequest {
        try PageRequest(limit: query.get("limit"), paginationToken: query.get("paginationToken"))
    }

    /// The JSON body as `type`, or 400 naming the problem.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try APIGateway.decode(type, from: body)
    }
}

/// Registers Dfns endpoints on the router, each behind the gateway's checks (see ``APIGateway/respond``).
struct APIRouter {
    let router: Router<EmulatorRequestContext>
    let gateway: APIGateway

    /// The store the endpoints operate on.
    var store: EmulatorStore { gateway.store }

    /// Registers `method path`: the gateway's checks for `requirements`, then `operation` and its JSON response.
    func on<Output: Encodable & Sendable>(
        _ method: HTTPRequest.Method, _ path: RouterPath, _ requirements: RouteRequirements,
        _ operation: @escaping @Sendable (RouteInput) async throws -> Output
    ) {
        let gateway = self.gateway
        router.on(path, method: method) { request, context in
            let (parameters, query) = (context.parameters, request.uri.queryParameters)
            return try await gateway.respond(request, context, requirements) { caller, body in
                try await operation(RouteInput(caller: caller, body: body, parameters: parameters, query: query))
            }
        }
    }
}
