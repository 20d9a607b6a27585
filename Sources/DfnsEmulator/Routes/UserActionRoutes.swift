import DfnsAPI
import Hummingbird

/// `POST /auth/action/init` and `POST /auth/action`.
struct UserActionRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        api.on(.post, "/auth/action/init", .read(nil)) { input in
            try await store.initUserAction(input.decode(UserActionInitRequest.self), caller: input.caller)
        }
        api.on(.post, "/auth/action", .read(nil)) { input in
            try await store.completeUserAction(input.decode(UserActionCompleteRequest.self), caller: input.caller)
        }
    }
}
