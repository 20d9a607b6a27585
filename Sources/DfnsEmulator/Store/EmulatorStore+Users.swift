import DfnsAPI
import Foundation

extension EmulatorStore {
    /// `GET /auth/users`: every user of the caller's organisation, service accounts included.
    func listUsers(kind: String?, page: PageRequest, caller: Caller) throws -> Page<User> {
        if let kind, !["CustomerEmployee", "EndUser"].contains(kind) {
            throw EmulatorError.badRequest("kind must be CustomerEmployee or EndUser, not '\(kind)'")
        }
        let users = state.users.filter { $0.orgId == caller.orgId && (kind == nil || $0.kind == kind) }
        // Page first, then render only the page's users.
        let selected = page.page(of: users)
        return Page(items: selected.items.map { userModel($0) }, nextPageToken: selected.nextPageToken)
    }

    /// `GET /auth/users/{id}`.
    func user(_ id: String, caller: Caller) throws -> User {
        guard let user = user(id, in: caller.orgId) else { throw EmulatorError.notFound("user", id) }
        return userModel(user)
    }

    /// `PUT /auth/users/{id}/activate` and `/deactivate`; deactivating a user disables its PATs too.
    func setUserActive(_ id: String, active: Bool, caller: Caller) throws -> User {
        guard let index = userIndex(id, in: caller.orgId) else { throw EmulatorError.notFound("user", id) }
        if !active, id == caller.userId {
            throw EmulatorError.badRequest("a user cannot deactivate itself; ask another administrator")
        }
        state.users[index].isActive = active
        try commit()
        return userModel(state.users[index])
    }
}
