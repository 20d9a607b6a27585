import DfnsAPI
import Foundation
import Hummingbird

/// The credential endpoints: `/auth/credentials*`, the code flow, and the service-account credential endpoints.
struct CredentialRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        let read = RouteRequirements(credentialEndpoint: true)
        let signed = RouteRequirements(userAction: true, credentialEndpoint: true)
        api.on(.get, "/auth/credentials", read) { input in
            await store.listCredentials(caller: input.caller)
        }
        api.on(.post, "/auth/credentials/init", read) { input in
            try await store.initCredential(input.decode(CredentialChallengeRequest.self), caller: input.caller)
        }
        api.on(.post, "/auth/credentials", signed) { input in
            try await store.createCredential(input.decode(CreateKeyCredentialRequest.self), caller: input.caller)
        }
        api.on(.put, "/auth/credentials/activate", signed) { input in
            try await store.setCredentialActive(
                input.decode(CredentialUuidRequest.self).credentialUuid, active: true, caller: input.caller)
        }
        api.on(.put, "/auth/credentials/deactivate", signed) { input in
            try await store.setCredentialActive(
                input.decode(CredentialUuidRequest.self).credentialUuid, active: false, caller: input.caller)
        }
        api.on(.delete, "/auth/credentials/:credentialUuid", signed) { input in
            try await store.deleteCredential(input.id("credentialUuid"), caller: input.caller)
            return EmptyResponse()
        }
        api.on(.post, "/auth/credentials/code", RouteRequirements(callers: CallerKind.people, userAction: true)) {
            input in
            try await store.createCredentialCode(input.decode(CreateCredentialCodeRequest.self), caller: input.caller)
        }
        // The code flow's two steps carry no token: no gateway checks.
        api.router.post("/auth/credentials/code/init") { request, context in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            return try APIGateway.json(
                try await store.initCredentialWithCode(APIGateway.decode(CredentialCodeInitRequest.self, from: body)))
        }
        api.router.post("/auth/credentials/code/verify") { request, context in
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            return try APIGateway.json(
                try await store.verifyCredentialWithCode(APIGateway.decode(CreateKeyCredentialRequest.self, from: body))
            )
        }
        let serviceAccountOnly = RouteRequirements(callers: [.serviceAccount], userAction: true)
        api.on(.post, "/auth/service-accounts/credentials", serviceAccountOnly) { input in
            try await store.createServiceAccountCredential(
                input.decode(CreateServiceAccountCredentialRequest.self), caller: input.caller)
        }
        api.on(.delete, "/auth/service-accounts/credentials/:credentialUuid", serviceAccountOnly) { input in
            try await store.deleteCredential(input.id("credentialUuid"), caller: input.caller)
            return EmptyResponse()
        }
    }
}
