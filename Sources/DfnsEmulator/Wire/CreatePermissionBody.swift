/// `POST /permissions` request (not among the `DfnsAPI` models, which dfnsops does not need to send).
struct CreatePermissionBody: Codable, Sendable, Equatable {
    var name: String
    var operations: [String]
}
