import DfnsAPI
import Foundation

/// A finding `drift` should not report, with the reason and an optional expiry.
public struct DriftIgnoreRule: Sendable, Hashable, Codable {
    /// The kinds of object a rule can name.
    public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A service account.
        case serviceAccount = "ServiceAccount"
        /// A personal access token.
        case personalAccessToken = "PersonalAccessToken"
        /// A webhook.
        case webhook = "Webhook"
        /// A credential.
        case credential = "Credential"
        /// A user.
        case user = "User"
    }

    /// Only objects of this kind; any kind when `nil`.
    public var kind: ObjectKind?
    /// A glob (`*`, `?`) over the object's name.
    public var name: String?
    /// A glob (`*`, `?`) over the object's Dfns id.
    public var id: String?
    /// Only findings in this bucket; every bucket when `nil`.
    public var bucket: DriftBucket?
    /// Why the finding is accepted (required).
    public var reason: String
    /// When the rule stops applying; an expired rule is itself reported.
    public var expires: Date?

    /// Creates a rule.
    public init(
        kind: ObjectKind? = nil,
        name: String? = nil,
        id: String? = nil,
        bucket: DriftBucket? = nil,
        reason: String,
        expires: Date? = nil
    ) {
        self.kind = kind
        self.name = name
        self.id = id
        self.bucket = bucket
        self.reason = reason
        self.expires = expires
    }

    /// Whether the rule covers a finding. Absent criteria match anything.
    ///
    /// - Parameters:
    ///   - kind: the object's kind.
    ///   - name: the object's name, if it has one.
    ///   - id: the object's Dfns id, if known.
    ///   - bucket: the finding's bucket.
    public func matches(kind: ObjectKind, name: String?, id: String?, bucket: DriftBucket) -> Bool {
        if let wanted = self.kind, wanted != kind { return false }
        if let wanted = self.bucket, wanted != bucket { return false }
        if let pattern = self.name, !GlobPattern(pattern).matches(name ?? "") { return false }
        if let pattern = self.id, !GlobPattern(pattern).matches(id ?? "") { return false }
        return true
    }

    /// Whether the rule has expired at `now`.
    public func isExpired(at now: Date) -> Bool {
        guard let expires else { return false }
        return now >= expires
    }
}
