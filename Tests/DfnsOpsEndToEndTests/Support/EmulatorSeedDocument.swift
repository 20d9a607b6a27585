import Foundation

/// The `dfns-emulator --seed FILE` JSON (Sources/DfnsEmulator/Store/EmulatorSeed.swift), written by tests.
///
/// A mirror rather than an import: these tests talk to the emulator only as a separate process, as users do.
struct EmulatorSeedDocument: Encodable {
    struct Permission: Encodable {
        var name: String
        var operations: [String]
        /// Service-account names (their usernames), PAT names or ids.
        var assignTo: [String]?
    }

    struct ServiceAccount: Encodable {
        var name: String
        var publicKey: String?
        var externalId: String?
        var isActive: Bool?
    }

    struct PersonalAccessToken: Encodable {
        var name: String
        var publicKey: String?
        var externalId: String?
    }

    struct Webhook: Encodable {
        var url: String
        var events: [String]
        var status: String?
        var description: String?
        var secret: String?
    }

    var permissions: [Permission] = []
    var serviceAccounts: [ServiceAccount] = []
    var pats: [PersonalAccessToken] = []
    var webhooks: [Webhook] = []

    /// The JSON the emulator reads.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self)
    }
}
