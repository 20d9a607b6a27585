import DfnsAPI

/// The calls that differ between service accounts and PATs, so that create, update and retire are written once.
struct PrincipalEndpoints<Client: DfnsClient>: Sendable {
    /// What a create returned: the new principal's id, its one-time token and its credential id.
    struct Created: Sendable {
        var id: String
        var token: String?
        var credentialId: String
    }

    var kind: ManifestKind
    var client: Client

    func list() async throws -> [LivePrincipal] {
        switch kind {
        case .personalAccessToken: try await client.listPersonalAccessTokens().map(LivePrincipal.init)
        default: try await client.listServiceAccounts().map(LivePrincipal.init)
        }
    }

    func get(_ id: String) async throws -> LivePrincipal {
        switch kind {
        case .personalAccessToken: LivePrincipal(try await client.getPersonalAccessToken(id: id))
        default: LivePrincipal(try await client.getServiceAccount(id: id))
        }
    }

    /// Creates the principal; `generation` > 1 for a `replace` rotation's successor, whose `externalId` carries it.
    func create(_ declared: DeclaredPrincipal, publicKeyPEM: String, generation: Int = 1) async throws
        -> MutationOutcome<Created>
    {
        switch kind {
        case .personalAccessToken:
            let request = CreatePersonalAccessTokenRequest(
                name: declared.dfnsName, publicKey: publicKeyPEM,
                externalId: declared.marker.externalId(generation: generation),
                daysValid: declared.daysValid, secondsValid: declared.secondsValid)
            return try await client.createPersonalAccessToken(request).map {
                Created(id: $0.tokenId, token: $0.accessToken, credentialId: $0.credId)
            }
        default:
            let request = CreateServiceAccountRequest(
                name: declared.dfnsName, publicKey: publicKeyPEM,
                externalId: declared.marker.externalId(generation: generation),
                daysValid: declared.daysValid)
            return try await client.createServiceAccount(request).map { account in
                let token = account.accessTokens.first
                return Created(
                    id: account.userInfo.userId, token: token?.accessToken, credentialId: token?.credId ?? "")
            }
        }
    }

    func update(_ id: String, name: String?, externalId: String?) async throws -> MutationOutcome<Void> {
        switch kind {
        case .personalAccessToken:
            try await client.updatePersonalAccessToken(
                id: id, UpdatePersonalAccessTokenRequest(name: name, externalId: externalId)
            ).map { _ in () }
        default:
            try await client.updateServiceAccount(
                id: id, UpdateServiceAccountRequest(name: name, externalId: externalId)
            )
            .map { _ in () }
        }
    }

    func setActive(_ id: String, _ active: Bool) async throws -> MutationOutcome<Void> {
        switch (kind, active) {
        case (.personalAccessToken, true): try await client.activatePersonalAccessToken(id: id).map { _ in () }
        case (.personalAccessToken, false): try await client.deactivatePersonalAccessToken(id: id).map { _ in () }
        case (_, true): try await client.activateServiceAccount(id: id).map { _ in () }
        case (_, false): try await client.deactivateServiceAccount(id: id, force: nil).map { _ in () }
        }
    }

    func delete(_ id: String) async throws -> MutationOutcome<Void> {
        switch kind {
        case .personalAccessToken: try await client.deletePersonalAccessToken(id: id).map { _ in () }
        default: try await client.deleteServiceAccount(id: id).map { _ in () }
        }
    }
}
