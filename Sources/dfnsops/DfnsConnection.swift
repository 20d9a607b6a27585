import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores

/// The Dfns organisation a command works on: the one the environment names, or the sandbox.
struct DfnsConnection {
    let client: HTTPDfnsClient
    let sandbox: Sandbox?

    /// Connects as the operator: from `DFNS_API_URL` and `DFNS_AUTH_TOKEN`, with `DFNS_CRED_ID` and
    /// `DFNS_PRIVATE_KEY` too when the command signs (`access: .sign`); or to the sandbox with `--sandbox`. With
    /// `access: .read` the key is never loaded, and the identity cannot sign anything.
    static func open(_ options: ConnectionOptions, access: DfnsClientConfiguration.Access) async throws
        -> DfnsConnection
    {
        if options.sandbox {
            let sandbox = try await Sandbox.start()
            do {
                var configuration = try sandbox.clientConfiguration(rateLimitPerMinute: options.rateLimit)
                if access == .read { configuration.identity = .reading(token: configuration.identity.token) }
                return DfnsConnection(client: HTTPDfnsClient(configuration: configuration), sandbox: sandbox)
            } catch {
                await sandbox.stop()
                throw error
            }
        }
        let configuration = try DfnsClientConfiguration.fromEnvironment(
            ProcessInfo.processInfo.environment, access: access, rateLimitPerMinute: options.rateLimit)
        return DfnsConnection(client: HTTPDfnsClient(configuration: configuration), sandbox: nil)
    }

    /// The client to work with: the operator's identity, with its key taken from the store when dfnsops has
    /// rotated its own key (see `OperatorIdentityResolver`).
    func operatorClient(desired: DesiredState, stores: [String: any SecretStore]) async -> HTTPDfnsClient {
        guard client.configuration.identity.signer != nil else { return client }
        let identity = await OperatorIdentityResolver.resolve(
            configured: client.configuration.identity, desired: desired, stores: stores)
        return client.acting(as: identity)
    }

    func close() async {
        await sandbox?.stop()
    }
}
