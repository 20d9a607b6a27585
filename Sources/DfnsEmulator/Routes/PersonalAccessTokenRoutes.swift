import DfnsAPI
import Hummingbird

/// `/auth/pats*`: list, get, create, update, activate, deactivate, delete.
struct PersonalAccessTokenRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        router.get("/auth/pats") { request, context in
            try await gateway.respond(request, context, .read(nil)) { caller, _ in await store.listPats(caller: caller)
            }
        }
        router.get("/auth/pats/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .read(nil)) { caller, _ in
                try await store.pat(id, caller: caller)
            }
        }
        router.post("/auth/pats") { request, context in
            try await gateway.respond(request, context, .mutation("Auth:Pats:Create", callers: CallerKind.people)) {
                caller, body in
                try await store.createPat(
                    APIGateway.decode(CreatePersonalAccessTokenRequest.self, from: body), caller: caller)
            }
        }
        router.put("/auth/pats/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation(nil)) { caller, body in
                try await store.updatePat(
                    id, APIGateway.decode(UpdatePersonalAccessTokenRequest.self, from: body), caller: caller)
            }
        }
        router.put("/auth/pats/:id/activate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation(nil)) { caller, _ in
                try await store.setPatActive(id, active: true, caller: caller)
            }
        }
        router.put("/auth/pats/:id/deactivate") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation(nil)) { caller, _ in
                try await store.setPatActive(id, active: false, caller: caller)
            }
        }
        router.delete("/auth/pats/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation(nil)) { caller, _ in
                try await store.deletePat(id, caller: caller)
            }
        }
    }
}
