import DfnsAPI
import Hummingbird

/// `/auth/users*`: list (paginated), get, activate, deactivate.
struct UserRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        let readers: Set<CallerKind> = [.employee, .serviceAccount, .pat]
        router.get("/auth/users") { request, context in
            let query = request.uri.queryParameters
            let (limit, token, kind) = (query.get("limit"), query.get("paginationToken"), query.get("kind"))
            return try await gateway.respond(request, context, .read("Auth:Users:Read", callers: readers)) {
                caller, _ in
                try await store.listUsers(
                    kind: kind, page: PageRequest(limit: limit, paginationToken: token), caller: caller)
            }
        }
        router.get("/auth/users/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .read("Auth:Users:Read", callers: readers)) {
                caller, _ in try await store.user(id, caller: caller)
            }
        }
        let switchers: Set<CallerKind> = [.employee, .serviceAccount]
        router.put("/auth/users/:id/activate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Auth:Users:Activate", callers: switchers)) {
                caller, _ in try await store.setUserActive(id, active: true, caller: caller)
            }
        }
        router.put("/auth/users/:id/deactivate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Auth:Users:Deactivate", callers: switchers)) {
                caller, _ in try await store.setUserActive(id, active: false, caller: caller)
            }
        }
    }
}
