import Foundation

/// A permission (reference §9.4).
public struct Permission: Codable, Equatable, Sendable {
    /// The permission id (`pm-…`).
    public var id: String
    /// Its name.
    public var name: String
    /// The operations it grants.
    public var operations: [String]
    /// `Active`, typically.
    public var status: String
    /// True for built-in permissions.
    public var isImmutable: Bool
    /// Whether it is archived.
    public var isArchived: Bool
    /// When it was made (ISO-8601).
    public var dateCreated: String
    /// When it last changed (ISO-8601).
    public var dateUpdated: String
    /// A change awaiting approval, when there is one.
    public var pendingChangeRequest: JSONValue?

    /// Creates a value with every field given.
    public init(
        id: String, name: String, operations: [String], status: String, isImmutable: Bool, isArchived: Bool,
        dateCreated: String, dateUpdated: String, pendingChangeRequest: JSONValue? = nil
    ) {
        self.id = id
        self.name = name
        self.operations = operations
        self.status = status
        self.isImmutable = isImmutable
        self.isArchived = isArchived
        self.dateCreated = dateCreated
        self.dateUpdated = dateUpdated
        self.pendingChangeRequest = pendingChangeRequest
    }

    /// `dateCreated` parsed as a date; nil when it is not ISO-8601.
    public var creationDate: Date? { DfnsDate.parse(dateCreated) }

    /// `dateUpdated` parsed as a date; nil when it is not ISO-8601.
    public var updateDate: Date? { DfnsDate.parse(dateUpdated) }
}
