import DfnsAPI
import Hummingbird

/// `/permissions*`: list, get, create, update, archive; assignments list, assign, revoke.
struct PermissionRoutes: Sendable {
    func register(on api: APIRouter) {
        let store = api.store
        api.on(.get, "/permissions", .read("Permissions:Read")) { input in
            await store.listPermissions(page: try input.page(), caller: input.caller)
        }
        api.on(.get, "/permissions/:id", .read("Permissions:Read")) { input in
            try await store.permission(input.id(), caller: input.caller)
        }
        api.on(.post, "/permissions", .mutation("Permissions:Create")) { input in
            try await store.createPermission(input.decode(CreatePermissionBody.self), caller: input.caller)
        }
        api.on(.put, "/permissions/:id", .mutation("Permissions:Update")) { input in
            try await store.updatePermission(input.id(), input.decode(UpdatePermissionBody.self), caller: input.caller)
        }
        api.on(.put, "/permissions/:id/archive", .mutation("Permissions:Archive")) { input in
            try await store.archivePermission(
                input.id(), input.decode(ArchivePermissionBody.self), caller: input.caller)
        }
        api.on(.get, "/permissions/:id/assignments", .read("Permissions:Assignments:Read")) { input in
            try await store.listAssignments(input.id(), page: input.page(), caller: input.caller)
        }
        api.on(.post, "/permissions/:id/assignments", .mutation("Permissions:Assign")) { input in
            try await store.assignPermission(
                input.id(), input.decode(AssignPermissionRequest.self), caller: input.caller)
        }
        api.on(.delete, "/permissions/:id/assignments/:assignmentId", .mutation("Permissions:Revoke")) { input in
            try await store.revokeAssignment(input.id(), input.id("assignmentId"), caller: input.caller)
            return EmptyResponse()
        }
    }
}
