/// `PUT /permissions/{id}/archive` request.
struct ArchivePermissionBody: Codable, Sendable, Equatable {
    var isArchived: Bool
}
