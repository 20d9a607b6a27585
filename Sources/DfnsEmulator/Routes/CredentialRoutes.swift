import DfnsAPI
import Foundation
import Hummingbird

/// The credential endpoints: `/auth/credentials*`, the code flow, and the service-account credential endpoints.
struct CredentialRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        let read = RouteRequirements(credentialEndpoint: true)
        let signed = RouteRequirements(userAction: true, credentialEndpoint: true)
        router.get("/auth/credentials") { request, context in
            try await gateway.respond(request, context, read) { caller, _ in await store.listCredentials(caller: caller)
            }
        }
        router.post("/auth/credentials/init") { request, context in
            try await gateway.respond(request, context, read) { caller, body in
                try await store.initCredential(
                    APIGateway.decode(CredentialChallengeRequest.self, from: body), caller: caller)
            }
        }
        router.post("/auth/credentials") { request, context in
            try await gateway.respond(request, context, signed) { caller, body in
                try await store.createCredential(
                    APIGateway.decode(CreateKeyCredentialRequest.self, from: body), caller: caller)
            }
        }
        router.put("/auth/credentials/activate") { request, context in
            try await gateway.respond(request, context, signed) { caller, body in
                try await store.setCredentialActive(
                    APIGateway.decode(CredentialUuidRequest.self, from: body).credentialUuid, active: true,
                    caller: caller)
            }
        }
        router.put("/auth/credentials/deactivate") { request, context in
            try await gateway.respond(request, context, signed) { caller, body in
                try await store.setCredentialActive(
                    APIGateway.decode(CredentialUuidRequest.self, from: body).credentialUuid, active: false,
                    caller: caller)
            }
        }
        router.delete("/auth/credentials/:credentialUuid") { request, context in
            let uuid = try context.parameters.require("credentialUuid")
            return try await gateway.respond(request, context, signed) { caller, _ in
                try await store.deleteCredential(uuid, caller: caller)
                return EmptyResponse()
            }
        }
        router.post("/auth/credentials/code") { request, context in
            try await gateway.respond(request, context, RouteRequirements(callers: CallerKind.people, userAction: true))
            { caller, body in
                try await store.createCredentialCode(
                    APIGateway.decode(CreateCredentialCodeRequest.self, from: body), caller: caller)
            }
        }
        router.post("/auth/credentials/code/init") { request, context in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            return try APIGateway.json(
                try await store.initCredentialWithCode(APIGateway.decode(CredentialCodeInitRequest.self, from: body)))
        }
        router.post("/auth/credentials/code/verify") { request, context in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            return try APIGateway.json(
                try await store.verifyCredentialWithCode(APIGateway.decode(CreateKeyCredentialRequest.self, from: body))
            )
        }
        let serviceAccountOnly = RouteRequirements(callers: [.serviceAccount], userAction: true)
        router.post("/auth/service-accounts/credentials") { request, context in
            try await gateway.respond(request, context, serviceAccountOnly) { caller, body in
                try await store.createServiceAccountCredential(
                    APIGateway.decode(CreateServiceAccountCredentialRequest.self, from: body), caller: caller)
            }
        }
        router.delete("/auth/service-accounts/credentials/:credentialUuid") { request, context in
            let uuid = try context.parameters.require("credentialUuid")
            return try await gateway.respond(request, context, serviceAccountOnly) { caller, _ in
                try await store.deleteCredential(uuid, caller: caller)
                return EmptyResponse()
            }
        }
    }
}
