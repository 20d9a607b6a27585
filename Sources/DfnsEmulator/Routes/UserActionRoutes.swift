import DfnsAPI
import Hummingbird

/// `POST /auth/action/init` and `POST /auth/action`.
struct UserActionRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        router.post("/auth/action/init") { request, context in
            try await gateway.respond(request, context, .read(nil)) { caller, body in
                try await store.initUserAction(
                    APIGateway.decode(UserActionInitRequest.self, from: body), caller: caller)
            }
        }
        router.post("/auth/action") { request, context in
            try await gateway.respond(request, context, .read(nil)) { caller, body in
                try await store.completeUserAction(
                    APIGateway.decode(UserActionCompleteRequest.self, from: body), caller: caller)
            }
        }
    }
}
