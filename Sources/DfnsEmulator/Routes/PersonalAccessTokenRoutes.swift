import DfnsAPI
import Hummingbird

/// `/auth/pats*`: list, get, create, update, activate, deactivate, delete.
struct PersonalAccessTokenRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        api.on(.get, "/auth/pats", .read(nil)) { input in
            await store.listPats(caller: input.caller)
        }
        api.on(.get, "/auth/pats/:id", .read(nil)) { input in
            try await store.pat(input.id(), caller: input.caller)
        }
        api.on(.post, "/auth/pats", .mutation("Auth:Pats:Create", callers: CallerKind.people)) { input in
            try await store.createPat(input.decode(CreatePersonalAccessTokenRequest.self), caller: input.caller)
        }
        api.on(.put, "/auth/pats/:id", .mutation(nil)) { input in
            try await store.updatePat(
                input.id(), input.decode(UpdatePersonalAccessTokenRequest.self), caller: input.caller)
        }
        api.on(.put, "/auth/pats/:id/activate", .mutation(nil)) { input in
            try await store.setPatActive(input.id(), active: true, caller: input.caller)
        }
        api.on(.put, "/auth/pats/:id/deactivate", .mutation(nil)) { input in
            try await store.setPatActive(input.id(), active: false, caller: input.caller)
        }
        api.on(.delete, "/auth/pats/:id", .mutation(nil)) { input in
            try await store.deletePat(input.id(), caller: input.caller)
        }
    }
}
