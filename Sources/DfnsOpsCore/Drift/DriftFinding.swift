import Foundation

/// One difference between the organisation and the manifests, in one drift bucket.
public struct DriftFinding: Sendable, Hashable, Codable {
    public var bucket: DriftBucket
    /// `ServiceAccount`, `PersonalAccessToken`, `Webhook`, `Credential`, `User` or `PasskeyPolicy`.
    public var kind: String
    /// The manifest name, for declared objects.
    public var name: String?
    /// The Dfns id, for live objects.
    public var dfnsId: String?
    public var message: String
    /// Field differences, for `changed`.
    public var changes: [FieldChange]
    /// How long past `maxAge`, for `rotation-overdue`, in seconds.
    public var overdueBySeconds: Double?
    /// When a token expires, for `expiring`.
    public var expiresAt: Date?
    /// The manifest line that declares the object (for unmanaged objects, the Settings manifest).
    public var location: SourceLocation?

    public init(
        bucket: DriftBucket, kind: String, name: String? = nil, dfnsId: String? = nil, message: String,
        changes: [FieldChange] = [], overdueBySeconds: Double? = nil, expiresAt: Date? = nil,
        location: SourceLocation? = nil
    ) {
        self.bucket = bucket
        self.kind = kind
        self.name = name
        self.dfnsId = dfnsId
        self.message = message
        self.changes = changes
        self.overdueBySeconds = overdueBySeconds
        self.expiresAt = expiresAt
        self.location = location
    }

    /// `Kind/name`, or `Kind id` for objects no manifest names.
    public var address: String {
        if let name { return "\(kind)/\(name)" }
        return "\(kind) \(dfnsId ?? "?")"
    }

    /// The ignore-rule kind of this finding, when rules can name it.
    var ignoreKind: DriftIgnoreRule.ObjectKind? { DriftIgnoreRule.ObjectKind(rawValue: kind) }
}

/// A finding an ignore rule suppressed, with the rule's reason.
public struct IgnoredFinding: Sendable, Hashable, Codable {
    public var finding: DriftFinding
    public var reason: String
    public var expires: Date?
}

/// An ignore rule whose expiry has passed: it no longer suppresses anything, and says so.
public struct ExpiredIgnoreRule: Sendable, Hashable, Codable {
    public var rule: DriftIgnoreRule
    public var location: SourceLocation?
    public var message: String
}
