import DfnsAPI
import Hummingbird

/// `/auth/service-accounts*`: list, get, create, update, activate, deactivate, delete.
struct ServiceAccountRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        let readers: Set<CallerKind> = [.employee, .serviceAccount, .pat]
        router.get("/auth/service-accounts") { request, context in
            try await gateway.respond(request, context, .read("Auth:ServiceAccounts:Read", callers: readers)) {
                caller, _ in await store.listServiceAccounts(caller: caller)
            }
        }
        router.get("/auth/service-accounts/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .read("Auth:ServiceAccounts:Read", callers: readers)) {
                caller, _ in try await store.serviceAccount(id, caller: caller)
            }
        }
        router.post("/auth/service-accounts") { request, context in
            try await gateway.respond(request, context, .mutation("Auth:ServiceAccounts:Create", callers: [.employee]))
            {
                caller, body in
                try await store.createServiceAccount(
                    APIGateway.decode(CreateServiceAccountRequest.self, from: body), caller: caller)
            }
        }
        router.put("/auth/service-accounts/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(
                request, context, .mutation("Auth:ServiceAccounts:Update", callers: readers)
            ) {
                caller, body in
                try await store.updateServiceAccount(
                    id, APIGateway.decode(UpdateServiceAccountRequest.self, from: body), caller: caller)
            }
        }
        let switchers: Set<CallerKind> = [.employee, .serviceAccount]
        router.put("/auth/service-accounts/:id/activate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(
                request, context, .mutation("Auth:ServiceAccounts:Activate", callers: switchers)
            ) { caller, _ in try await store.setServiceAccountActive(id, active: true, caller: caller) }
        }
        router.put("/auth/service-accounts/:id/deactivate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(
                request, context, .mutation("Auth:ServiceAccounts:Deactivate", callers: switchers)
            ) { caller, body in
                _ = try APIGateway.decode(DeactivateServiceAccountRequest.self, from: body)
                return try await store.setServiceAccountActive(id, active: false, caller: caller)
            }
        }
        router.delete("/auth/service-accounts/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(
                request, context, .mutation("Auth:ServiceAccounts:Delete", callers: readers)
            ) {
                caller, _ in try await store.deleteServiceAccount(id, caller: caller)
            }
        }
    }
}
