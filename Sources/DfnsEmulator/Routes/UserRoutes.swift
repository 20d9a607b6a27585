import DfnsAPI
import Hummingbird

/// `/auth/users*`: list (paginated), get, activate, deactivate.
struct UserRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        let readers: Set<CallerKind> = [.employee, .serviceAccount, .pat]
        let switchers: Set<CallerKind> = [.employee, .serviceAccount]
        api.on(.get, "/auth/users", .read("Auth:Users:Read", callers: readers)) { input in
            try await store.listUsers(kind: input.query.get("kind"), page: input.page(), caller: input.caller)
        }
        api.on(.get, "/auth/users/:id", .read("Auth:Users:Read", callers: readers)) { input in
            try await store.user(input.id(), caller: input.caller)
        }
        api.on(.put, "/auth/users/:id/activate", .mutation("Auth:Users:Activate", callers: switchers)) { input in
            try await store.setUserActive(input.id(), active: true, caller: input.caller)
        }
        api.on(.put, "/auth/users/:id/deactivate", .mutation("Auth:Users:Deactivate", callers: switchers)) { input in
            try await store.setUserActive(input.id(), active: false, caller: input.caller)
        }
    }
}
