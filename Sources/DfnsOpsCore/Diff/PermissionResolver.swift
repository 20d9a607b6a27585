import DfnsAPI

/// Resolves the permission names or ids a manifest lists to the organisation's permission ids.
struct PermissionResolver: Sendable {
    private var byId: [String: Permission]
    private var byName: [String: Permission]

    init(_ permissions: [Permission]) {
        byId = Dictionary(permissions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        byName = Dictionary(
            permissions.filter { !$0.isArchived }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The permission a manifest entry names (an id or a name), or nil when the organisation has none.
    func resolve(_ entry: String) -> Permission? {
        byId[entry] ?? byName[entry]
    }

    /// A permission's name for display, falling back to its id.
    func name(of id: String) -> String {
        byId[id]?.name ?? id
    }
}
