import DfnsAPI
import Foundation

/// Reads a `LiveState` through a `DfnsClient` with the fewest calls the API allows.
///
/// The independent collections are listed concurrently (one list each, following pages). The
/// credentials of principals dfnsops holds keys for are listed acting as each principal, at most
/// `parallelism` at a time; a principal that may not list its own credentials is left out, and the
/// diff falls back to what its service-account or PAT object shows.
public struct LiveStateObserver<Client: DfnsClient>: Sendable {
    /// A principal whose credentials should be read, and the identity to read them as.
    public struct Principal: Sendable {
        public var id: String
        public var identity: DfnsIdentity

        public init(id: String, identity: DfnsIdentity) {
            self.id = id
            self.identity = identity
        }
    }

    public var client: Client
    public var parallelism: Int

    public init(client: Client, parallelism: Int = 4) {
        self.client = client
        self.parallelism = max(1, parallelism)
    }

    /// Observes the organisation, and the credentials of `principals`.
    /// - Throws: `DfnsAPIError` when a list fails for a reason other than the caller not being allowed.
    public func observe(principals: [Principal] = []) async throws -> LiveState {
        async let serviceAccounts = client.listServiceAccounts()
        async let personalAccessTokens = client.listPersonalAccessTokens()
        async let webhooks = client.listWebhooks()
        async let users = client.listUsers(kind: nil)
        async let permissions = client.listPermissions()
        let credentials = try await observeCredentials(of: principals)
        return LiveState(
            serviceAccounts: try await serviceAccounts, personalAccessTokens: try await personalAccessTokens,
            webhooks: try await webhooks, users: try await users, permissions: try await permissions,
            credentials: credentials)
    }

    private func observeCredentials(of principals: [Principal]) async throws -> [String: [Credential]] {
        try await withThrowingTaskGroup(of: (String, [Credential]?).self) { group in
            var result: [String: [Credential]] = [:]
            var pending = principals[...]
            func startNext() {
                guard let principal = pending.popFirst() else { return }
                let scoped = client.acting(as: principal.identity)
                group.addTask {
                    do {
                        return (principal.id, try await scoped.listCredentials())
                    } catch let error as DfnsAPIError where error.status == 401 || error.status == 403 {
                        return (principal.id, nil)
                    }
                }
            }
            for _ in 0..<parallelism { startNext() }
            while let (id, credentials) = try await group.next() {
                if let credentials { result[id] = credentials }
                startNext()
            }
            return result
        }
    }
}
