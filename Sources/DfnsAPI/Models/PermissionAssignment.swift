import Foundation

/// A permission assigned to an identity (`POST /permissions/{id}/assignments` response, reference §9.4).
public struct PermissionAssignment: Codable, Equatable, Sendable {
    /// The assignment id (`as-…`).
    public var id: String
    /// The permission (`pm-…`).
    public var permissionId: String
    /// The user, service account or token it is assigned to.
    public var identityId: String
    /// True for built-in assignments.
    public var isImmutable: Bool
    /// When it was made (ISO-8601).
    public var dateCreated: String
    /// When it last changed (ISO-8601).
    public var dateUpdated: String

    /// Creates a value with every field given.
    public init(
        id: String, permissionId: String, identityId: String, isImmutable: Bool, dateCreated: String,
        dateUpdated: String
    ) {
        self.id = id
        self.permissionId = permissionId
        self.identityId = identityId
        self.isImmutable = isImmutable
        self.dateCreated = dateCreated
        self.dateUpdated = dateUpdated
    }

    /// `dateCreated` parsed as a date; nil when it is not ISO-8601.
    public var creationDate: Date? { DfnsDate.parse(dateCreated) }

    /// `dateUpdated` parsed as a date; nil when it is not ISO-8601.
    public var updateDate: Date? { DfnsDate.parse(dateUpdated) }
}
