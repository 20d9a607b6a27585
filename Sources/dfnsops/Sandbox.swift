import DfnsAPI
import DfnsEmulator
import Foundation
import Logging

/// The built-in sandbox: an in-process `dfns-emulator` whose organisation persists in `.dfnsops/sandbox/`.
///
/// Its secret stores live in `.dfnsops/sandbox/stores/<name>/`, whatever the manifests declare, so that trying
/// dfnsops never touches a real store.
struct Sandbox {
    static let directory = ".dfnsops/sandbox"
    static var storesDirectory: String { directory + "/stores" }
    static var statePath: String { directory + "/emulator-state.json" }
    static var seedPath: String { directory + "/seed.json" }

    /// What a new sandbox organisation starts with, besides its operator: the permissions the example
    /// manifests assign, so that `plan --sandbox manifests/examples` works as it would on a real organisation.
    static let seed = """
        {"permissions": [
          {"name": "DfnsOps Reconciler", "operations": ["Auth:ServiceAccounts:Read", "Auth:ServiceAccounts:Update",
            "Auth:ServiceAccounts:Activate", "Auth:ServiceAccounts:Deactivate", "Webhooks:Create", "Webhooks:Read",
            "Webhooks:Update", "Webhooks:Delete", "Webhooks:Ping", "Permissions:Read", "Permissions:Assign"]},
          {"name": "Payments Initiator", "operations": ["Wallets:Read", "Wallets:Transfers:Create"]},
          {"name": "Treasury Operator", "operations": ["Wallets:Read", "Wallets:Transfers:Create", "Policies:Read"]},
          {"name": "Wallets Reader", "operations": ["Wallets:Read"]}
        ]}
        """

    let server: EmulatorServer

    /// Starts the sandbox emulator, creating its directory (mode 0700) on first use.
    static func start() async throws -> Sandbox {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var configuration = EmulatorConfiguration()
        configuration.port = 0
        configuration.statePath = statePath
        if !FileManager.default.fileExists(atPath: statePath) {
            _ = FileManager.default.createFile(
                atPath: seedPath, contents: Data(seed.utf8), attributes: [.posixPermissions: 0o600])
            configuration.seedPath = seedPath
        }
        var logger = Logger(label: "dfnsops.sandbox")
        logger.logLevel = .critical
        return Sandbox(server: try await EmulatorServer.start(configuration: configuration, logger: logger))
    }

    /// The operator's client configuration for the sandbox organisation.
    func clientConfiguration(rateLimitPerMinute: Int) throws -> DfnsClientConfiguration {
        let credentials = server.operatorCredentials
        let identity = DfnsIdentity(token: credentials.authToken, signer: try credentials.signer())
        guard let url = URL(string: server.url) else {
            throw DfnsConfigurationError.invalidURL(variable: "sandbox", value: server.url)
        }
        return try DfnsClientConfiguration(baseURL: url, identity: identity, rateLimitPerMinute: rateLimitPerMinute)
    }

    func stop() async {
        await server.stop()
    }
}
