import DfnsAPI
import Foundation

extension EmulatorStore {
    /// The permission assignment or revocation a call makes, for a call held for approval: `POST
    /// /permissions/{id}/assignments` assigns, `DELETE /permissions/{id}/assignments/{assignmentId}` revokes. Nil for
    /// any other call, or one whose permission, body or assignment the organisation does not know.
    func heldAssignmentChange(method: String, path: String, body: Data, caller: Caller) -> HeldAssignmentChange? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[0] == "permissions", parts[2] == "assignments",
            permissionIndex(parts[1], in: caller.orgId) != nil
        else { return nil }
        let permissionId = parts[1]
        switch (method.uppercased(), parts.count) {
        case ("POST", 3):
            guard let request = try? JSONDecoder().decode(AssignPermissionRequest.self, from: body) else { return nil }
            return HeldAssignmentChange(
                operationKind: "Create", permissionId: permissionId, identityId: request.identityId)
        case ("DELETE", 4):
            guard
                let assignment = state.assignments.first(where: {
                    $0.id == parts[3] && $0.permissionId == permissionId && $0.orgId == caller.orgId
                })
            else { return nil }
            return HeldAssignmentChange(
                operationKind: "Delete", permissionId: permissionId, identityId: assignment.identityId,
                assignmentId: assignment.id)
        default:
            return nil
        }
    }
}
