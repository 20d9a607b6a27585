import DfnsAPI
import Foundation

extension EmulatorStore {
    private func permissionIndex(_ id: String, caller: Caller) throws -> Int {
        guard let index = permissionIndex(id, in: caller.orgId) else { throw EmulatorError.notFound("permission", id) }
        return index
    }

    private func validateOperations(_ operations: [String]) throws {
        guard !operations.isEmpty else { throw EmulatorError.badRequest("operations must list at least one operation") }
        let known = Set(PermissionCatalog.allOperations)
        let unknown = operations.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw EmulatorError.badRequest("unknown operation(s): \(unknown.joined(separator: ", "))")
        }
    }

    private func checkNameFree(_ name: String, orgId: String, except id: String? = nil) throws {
        if let existing = state.permissions.first(where: { $0.orgId == orgId && $0.name == name && $0.id != id }) {
            throw EmulatorError.conflict("a permission named '\(name)' already exists", duplicate: existing.id)
        }
    }

    private func mutablePermission(_ index: Int) throws {
        guard !state.permissions[index].isImmutable else {
            throw EmulatorError.badRequest("permission \(state.permissions[index].id) is immutable")
        }
    }

    /// `GET /permissions`.
    func listPermissions(page: PageRequest, caller: Caller) -> Page<Permission> {
        page.page(of: state.permissions.filter { $0.orgId == caller.orgId }.map(permissionModel))
    }

    /// `GET /permissions/{id}`.
    func permission(_ id: String, caller: Caller) throws -> Permission {
        permissionModel(state.permissions[try permissionIndex(id, caller: caller)])
    }

    /// `POST /permissions`.
    func createPermission(_ request: CreatePermissionBody, caller: Caller) throws -> Permission {
        guard !request.name.isEmpty else { throw EmulatorError.badRequest("name must not be empty") }
        try validateOperations(request.operations)
        try checkNameFree(request.name, orgId: caller.orgId)
        let permission = StoredPermission(
            id: EntityID.make("pm"), orgId: caller.orgId, name: request.name, operations: request.operations,
            isImmutable: false, isArchived: false, dateCreated: now, dateUpdated: now)
        state.permissions.append(permission)
        try commit()
        return permissionModel(permission)
    }

    /// `PUT /permissions/{id}`.
    func updatePermission(_ id: String, _ request: UpdatePermissionBody, caller: Caller) throws -> Permission {
        let index = try permissionIndex(id, caller: caller)
        try mutablePermission(index)
        if let operations = request.operations { try validateOperations(operations) }
        if let name = request.name { try checkNameFree(name, orgId: caller.orgId, except: id) }
        if let name = request.name { state.permissions[index].name = name }
        if let operations = request.operations { state.permissions[index].operations = operations }
        state.permissions[index].dateUpdated = now
        try commit()
        return permissionModel(state.permissions[index])
    }

    /// `PUT /permissions/{id}/archive`.
    func archivePermission(_ id: String, _ request: ArchivePermissionBody, caller: Caller) throws -> Permission {
        let index = try permissionIndex(id, caller: caller)
        try mutablePermission(index)
        state.permissions[index].isArchived = request.isArchived
        state.permissions[index].dateUpdated = now
        try commit()
        return permissionModel(state.permissions[index])
    }

    /// `GET /permissions/{id}/assignments`.
    func listAssignments(_ permissionId: String, page: PageRequest, caller: Caller) throws
        -> Page<PermissionAssignment>
    {
        _ = try permissionIndex(permissionId, caller: caller)
        return page.page(of: state.assignments.filter { $0.permissionId == permissionId }.map(assignmentModel))
    }

    /// `POST /permissions/{id}/assignments`: gives the permission to a user, service account or token.
    func assignPermission(_ permissionId: String, _ request: AssignPermissionRequest, caller: Caller) throws
        -> PermissionAssignment
    {
        let index = try permissionIndex(permissionId, caller: caller)
        guard !state.permissions[index].isArchived else {
            throw EmulatorError.badRequest("permission \(permissionId) is archived and cannot be assigned")
        }
        let identity = request.identityId
        let known =
            state.users.contains { $0.userId == identity && $0.orgId == caller.orgId }
            || state.tokens.contains { $0.tokenId == identity && $0.orgId == caller.orgId }
        guard known else { throw EmulatorError.notFound("identity", identity) }
        if let existing = state.assignments.first(where: {
            $0.permissionId == permissionId && $0.identityId == identity
        }) {
            throw EmulatorError.conflict(
                "permission \(permissionId) is already assigned to \(identity)", duplicate: existing.id)
        }
        let assignment = StoredAssignment(
            id: EntityID.make("as"), orgId: caller.orgId, permissionId: permissionId, identityId: identity,
            isImmutable: false, dateCreated: now, dateUpdated: now)
        state.assignments.append(assignment)
        try commit()
        return assignmentModel(assignment)
    }

    /// `DELETE /permissions/{id}/assignments/{assignmentId}`.
    func revokeAssignment(_ permissionId: String, _ assignmentId: String, caller: Caller) throws {
        _ = try permissionIndex(permissionId, caller: caller)
        guard
            let index = state.assignments.firstIndex(where: {
                $0.id == assignmentId && $0.permissionId == permissionId
            })
        else { throw EmulatorError.notFound("assignment", assignmentId) }
        guard !state.assignments[index].isImmutable else {
            throw EmulatorError.badRequest("assignment \(assignmentId) is immutable")
        }
        state.assignments.remove(at: index)
        try commit()
    }
}
