import DfnsAPI
import Hummingbird

/// `/permissions*`: list, get, create, update, archive; assignments list, assign, revoke.
struct PermissionRoutes: Sendable {
    let gateway: APIGateway

    func register(on router: Router<EmulatorRequestContext>) {
        let gateway = self.gateway
        let store = gateway.store
        router.get("/permissions") { request, context in
            let query = request.uri.queryParameters
            let (limit, token) = (query.get("limit"), query.get("paginationToken"))
            return try await gateway.respond(request, context, .read("Permissions:Read")) { caller, _ in
                await store.listPermissions(page: try PageRequest(limit: limit, paginationToken: token), caller: caller)
            }
        }
        router.get("/permissions/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .read("Permissions:Read")) { caller, _ in
                try await store.permission(id, caller: caller)
            }
        }
        router.post("/permissions") { request, context in
            try await gateway.respond(request, context, .mutation("Permissions:Create")) { caller, body in
                try await store.createPermission(
                    APIGateway.decode(CreatePermissionBody.self, from: body), caller: caller)
            }
        }
        router.put("/permissions/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Permissions:Update")) { caller, body in
                try await store.updatePermission(
                    id, APIGateway.decode(UpdatePermissionBody.self, from: body), caller: caller)
            }
        }
        router.put("/permissions/:id/archive") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Permissions:Archive")) { caller, body in
                try await store.archivePermission(
                    id, APIGateway.decode(ArchivePermissionBody.self, from: body), caller: caller)
            }
        }
        router.get("/permissions/:id/assignments") { request, context in
            let id = try context.parameters.require("id")
            let query = request.uri.queryParameters
            let (limit, token) = (query.get("limit"), query.get("paginationToken"))
            return try await gateway.respond(request, context, .read("Permissions:Assignments:Read")) { caller, _ in
                try await store.listAssignments(
                    id, page: PageRequest(limit: limit, paginationToken: token), caller: caller)
            }
        }
        router.post("/permissions/:id/assignments") { request, context in
            let id = try context.parameters.require("id")
            return try await gateway.respond(request, context, .mutation("Permissions:Assign")) { caller, body in
                try await store.assignPermission(
                    id, APIGateway.decode(AssignPermissionRequest.self, from: body), caller: caller)
            }
        }
        router.delete("/permissions/:id/assignments/:assignmentId") { request, context in
            let id = try context.parameters.require("id")
            let assignmentId = try context.parameters.require("assignmentId")
            return try await gateway.respond(request, context, .mutation("Permissions:Revoke")) { caller, _ in
                try await store.revokeAssignment(id, assignmentId, caller: caller)
                return EmptyResponse()
            }
        }
    }
}
