import DfnsAPI
import Hummingbird

/// `/auth/service-accounts*`: list, get, create, update, activate, deactivate, delete.
struct ServiceAccountRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        let readers: Set<CallerKind> = [.employee, .serviceAccount, .pat]
        let switchers: Set<CallerKind> = [.employee, .serviceAccount]
        api.on(.get, "/auth/service-accounts", .read("Auth:ServiceAccounts:Read", callers: readers)) { input in
            await store.listServiceAccounts(caller: input.caller)
        }
        api.on(.get, "/auth/service-accounts/:id", .read("Auth:ServiceAccounts:Read", callers: readers)) { input in
            try await store.serviceAccount(input.id(), caller: input.caller)
        }
        api.on(.post, "/auth/service-accounts", .mutation("Auth:ServiceAccounts:Create", callers: [.employee])) {
            input in
            try await store.createServiceAccount(input.decode(CreateServiceAccountRequest.self), caller: input.caller)
        }
        api.on(.put, "/auth/service-accounts/:id", .mutation("Auth:ServiceAccounts:Update", callers: readers)) {
            input in
            try await store.updateServiceAccount(
                input.id(), input.decode(UpdateServiceAccountRequest.self), caller: input.caller)
        }
        api.on(
            .put, "/auth/service-accounts/:id/activate", .mutation("Auth:ServiceAccounts:Activate", callers: switchers)
        ) { input in
            try await store.setServiceAccountActive(input.id(), active: true, caller: input.caller)
        }
        api.on(
            .put, "/auth/service-accounts/:id/deactivate",
            .mutation("Auth:ServiceAccounts:Deactivate", callers: switchers)
        ) { input in
            _ = try input.decode(DeactivateServiceAccountRequest.self)
            return try await store.setServiceAccountActive(input.id(), active: false, caller: input.caller)
        }
        api.on(.delete, "/auth/service-accounts/:id", .mutation("Auth:ServiceAccounts:Delete", callers: readers)) {
            input in
            try await store.deleteServiceAccount(input.id(), caller: input.caller)
        }
    }
}
