/// The `--seed FILE` format: fixture objects for the bootstrapped organisation, and optionally other organisations.
///
/// Every list is optional. Objects made here carry no dfnsops ownership marker unless the seed gives one, so they
/// show up as unmanaged. See docs/emulator.md for an example.
struct EmulatorSeed: Codable, Sendable, Equatable {
    /// A permission and who holds it.
    struct PermissionSeed: Codable, Sendable, Equatable {
        var name: String
        var operations: [String]
        /// User names, service-account names, PAT names or ids that hold the permission.
        var assignTo: [String]?
    }

    /// A person in the organisation.
    struct UserSeed: Codable, Sendable, Equatable {
        var username: String
        var name: String?
        var kind: String?
        var isActive: Bool?
        var isRegistered: Bool?
    }

    /// A service account; without `publicKey` the emulator generates a key nobody holds.
    struct ServiceAccountSeed: Codable, Sendable, Equatable {
        var name: String
        var publicKey: String?
        var externalId: String?
        var isActive: Bool?
        var daysValid: Int?
    }

    /// A PAT of a seeded user (by `username`) or of the operator.
    struct PatSeed: Codable, Sendable, Equatable {
        var name: String
        var username: String?
        var publicKey: String?
        var externalId: String?
        var isActive: Bool?
        var daysValid: Int?
    }

    /// A webhook; without `secret` the emulator makes one.
    struct WebhookSeed: Codable, Sendable, Equatable {
        var url: String
        var events: [String]
        var status: String?
        var description: String?
        var secret: String?
    }

    /// One organisation's fixtures.
    struct OrgSeed: Codable, Sendable, Equatable {
        var name: String?
        var permissions: [PermissionSeed]?
        var users: [UserSeed]?
        var serviceAccounts: [ServiceAccountSeed]?
        var pats: [PatSeed]?
        var webhooks: [WebhookSeed]?
    }

    var permissions: [PermissionSeed]?
    var users: [UserSeed]?
    var serviceAccounts: [ServiceAccountSeed]?
    var pats: [PatSeed]?
    var webhooks: [WebhookSeed]?
    /// More organisations, each with its own operator; their objects are invisible to the first operator.
    var otherOrgs: [OrgSeed]?

    /// The fixtures of the bootstrapped organisation.
    var primary: OrgSeed {
        OrgSeed(
            name: nil, permissions: permissions, users: users, serviceAccounts: serviceAccounts, pats: pats,
            webhooks: webhooks)
    }
}
