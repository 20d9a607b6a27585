/// `PUT /permissions/{id}` request: a partial update.
struct UpdatePermissionBody: Codable, Sendable, Equatable {
    var name: String?
    var operations: [String]?
}
