import DfnsAPI
import Foundation

/// A snapshot of the live organisation, as far as dfnsops reads it.
///
/// Built by `LiveStateObserver`; compared with the manifests by the diff. Holds no secrets: list
/// responses never carry tokens or webhook secrets.
public struct LiveState: Sendable, Equatable {
    public var serviceAccounts: [ServiceAccount]
    public var personalAccessTokens: [PersonalAccessToken]
    public var webhooks: [Webhook]
    public var users: [User]
    public var permissions: [Permission]
    /// The credentials of principals whose keys dfnsops holds, by principal id (a service account's
    /// `userId` or a PAT's `tokenId`). A principal absent here could not be inspected.
    public var credentials: [String: [Credential]]

    public init(
        serviceAccounts: [ServiceAccount] = [], personalAccessTokens: [PersonalAccessToken] = [],
        webhooks: [Webhook] = [], users: [User] = [], permissions: [Permission] = [],
        credentials: [String: [Credential]] = [:]
    ) {
        self.serviceAccounts = serviceAccounts.sorted { $0.userInfo.userId < $1.userInfo.userId }
        self.personalAccessTokens = personalAccessTokens.sorted { $0.tokenId < $1.tokenId }
        self.webhooks = webhooks.sorted { $0.id < $1.id }
        self.users = users.sorted { $0.userId < $1.userId }
        self.permissions = permissions.sorted { $0.id < $1.id }
        self.credentials = credentials.mapValues { $0.sorted { $0.credentialUuid < $1.credentialUuid } }
    }

    /// A digest of everything the plan depends on: `sha256:` and 16 hex digits over a canonical JSON form.
    ///
    /// A saved plan records it; `apply` recomputes it and refuses the plan when it changed. An empty
    /// organisation has a fingerprint too, so a plan made against it is refused once objects exist.
    ///
    /// The principals' own credential lists (``credentials``) are left out: only a principal's token can read
    /// them, so a plan made with a read token only has none, and apply (which has them) would otherwise always find
    /// such a plan stale. What they show is known after apply: apply lists them again before it changes a key.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let canonical = Canonical(
            serviceAccounts: serviceAccounts, personalAccessTokens: personalAccessTokens, webhooks: webhooks,
            users: users, permissions: permissions)
        return Self.digest(canonical, encoder)
    }

    /// The fingerprint of a value's canonical JSON. A value that cannot be encoded (which the wire models never
    /// are, short of a non-finite number) gets a fingerprint that matches nothing, not one of empty data, so a
    /// saved plan made from it is refused as stale rather than accepted for any organisation.
    private static func digest(_ value: some Encodable, _ encoder: JSONEncoder) -> String {
        guard let data = try? encoder.encode(value) else { return "unencodable:\(UUID().uuidString)" }
        return Fingerprint.of(data)
    }

    /// A fingerprint per object, keyed `<Kind> <id>`, so that a stale plan can name what changed (credential lists
    /// left out, as in ``fingerprint``).
    public var objectFingerprints: [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func print(_ value: some Encodable) -> String { Self.digest(value, encoder) }
        var result: [String: String] = [:]
        for account in serviceAccounts { result["ServiceAccount \(account.userInfo.userId)"] = print(account) }
        for token in personalAccessTokens { result["PersonalAccessToken \(token.tokenId)"] = print(token) }
        for webhook in webhooks { result["Webhook \(webhook.id)"] = print(webhook) }
        for user in users { result["User \(user.userId)"] = print(user) }
        for permission in permissions { result["Permission \(permission.id)"] = print(permission) }
        return result
    }

    private struct Canonical: Encodable {
        var serviceAccounts: [ServiceAccount]
        var personalAccessTokens: [PersonalAccessToken]
        var webhooks: [Webhook]
        var users: [User]
        var permissions: [Permission]
    }

    /// The service account with this user id.
    public func serviceAccount(id: String) -> ServiceAccount? {
        serviceAccounts.first { $0.userInfo.userId == id }
    }

    /// The PAT with this token id.
    public func personalAccessToken(id: String) -> PersonalAccessToken? {
        personalAccessTokens.first { $0.tokenId == id }
    }

    /// The webhook with this id.
    public func webhook(id: String) -> Webhook? {
        webhooks.first { $0.id == id }
    }
}
