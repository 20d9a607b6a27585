import DfnsAPI
import Foundation
import SecretStores
import TestSupport

/// What a clean `apply` of `manifests/examples` leaves behind, and the checks that an organisation and its
/// store are in exactly that state: one object per ownership marker, shaped as declared, each with its secret
/// in the store's `current` stage and nothing half-written in `pending`.
enum ApplyFinalState {
    /// Each managed object's shape, by ownership marker.
    static let expected: [String: String] = [
        "dfnsops:ServiceAccount/dfnsops-operator": "dfnsops operator, active, permissions [DfnsOps Reconciler]",
        "dfnsops:ServiceAccount/payments-signer": "payments-signer, active, permissions [Payments Initiator]",
        "dfnsops:ServiceAccount/reporting-exporter": "reporting-exporter, active, permissions [Wallets Reader]",
        "dfnsops:ServiceAccount/treasury-bot":
            "Treasury rebalancer, active, permissions [Treasury Operator, Wallets Reader]",
        "dfnsops:PersonalAccessToken/ci-deployer": "CI deployer, active, permissions [Wallets Reader]",
        "dfnsops:Webhook/audit-firehose":
            "https://siem.acme.example/ingest/dfns, events [*], Enabled, Security log pipeline",
        "dfnsops:Webhook/treasury":
            "https://hooks.acme.example/dfns/treasury, events [policy.approval.pending, "
            + "wallet.transaction.confirmed, wallet.transfer.confirmed, wallet.transfer.failed], Enabled, "
            + "Treasury transfer notifications",
    ]

    /// Where `manifests/examples` keeps each object's secret in the `local` store.
    static let storePaths: [String: String] = [
        "dfnsops:ServiceAccount/dfnsops-operator": "service-accounts/dfnsops-operator",
        "dfnsops:ServiceAccount/payments-signer": "payments/signer",
        "dfnsops:ServiceAccount/reporting-exporter": "service-accounts/reporting-exporter",
        "dfnsops:ServiceAccount/treasury-bot": "service-accounts/treasury-bot",
        "dfnsops:PersonalAccessToken/ci-deployer": "ci/deployer",
        "dfnsops:Webhook/audit-firehose": "webhooks/audit-firehose",
        "dfnsops:Webhook/treasury": "webhooks/treasury",
    ]

    /// A managed object as the operator sees it.
    struct LiveObject {
        var marker: String
        var id: String
        var shape: String
        var isActive: Bool
        /// Service accounts and PATs: the token's id and the public key it was created with.
        var tokenId: String?
        var publicKeyPEM: String?
    }

    /// The `tokenId` in a bearer token's `https://custom/app_metadata` claim, or nil when it is not a JWT.
    static func tokenId(inBearerToken token: String) -> String? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        guard let data = Data(base64Encoded: payload),
            let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let metadata = claims["https://custom/app_metadata"] as? [String: Any]
        else { return nil }
        return metadata["tokenId"] as? String
    }

    private static func permissionList(_ assignments: [PermissionAssignmentInfo]?) -> String {
        "permissions [" + (assignments ?? []).map(\.permissionName).sorted().joined(separator: ", ") + "]"
    }

    /// The marker in a webhook description's trailing `[dfnsops:…]`.
    static func webhookMarker(_ description: String?) -> (marker: String?, text: String) {
        guard let description, description.hasSuffix("]"), let open = description.range(of: " [dfnsops:")
        else { return (nil, description ?? "") }
        let marker = description[open.upperBound...].dropLast()
        return ("dfnsops:" + marker, String(description[..<open.lowerBound]))
    }

    /// Every object in the organisation that carries a dfnsops marker.
    static func liveObjects(_ emulator: EmulatorProcess) async throws -> [LiveObject] {
        let client = try emulator.operatorClient()
        var objects: [LiveObject] = []
        for account in try await client.listServiceAccounts() {
            guard let marker = account.userInfo.externalId, marker.hasPrefix("dfnsops:") else { continue }
            let info = account.userInfo
            objects.append(
                LiveObject(
                    marker: marker, id: info.userId,
                    shape: "\(info.name ?? info.username), \(info.isActive ? "active" : "inactive"), "
                        + permissionList(info.permissionAssignments),
                    isActive: info.isActive, tokenId: account.accessTokens.first?.tokenId,
                    publicKeyPEM: account.accessTokens.first?.publicKey))
        }
        for token in try await client.listPersonalAccessTokens() {
            guard let marker = token.externalId, marker.hasPrefix("dfnsops:") else { continue }
            objects.append(
                LiveObject(
                    marker: marker, id: token.tokenId,
                    shape: "\(token.name), \(token.isActive ? "active" : "inactive"), "
                        + permissionList(token.permissionAssignments),
                    isActive: token.isActive, tokenId: token.tokenId, publicKeyPEM: token.publicKey))
        }
        for webhook in try await client.listWebhooks() {
            let (marker, text) = webhookMarker(webhook.description)
            guard let marker else { continue }
            objects.append(
                LiveObject(
                    marker: marker, id: webhook.id,
                    shape: "\(webhook.url), events [\(webhook.events.sorted().joined(separator: ", "))], "
                        + "\(webhook.status.rawValue), \(text)",
                    isActive: true))
        }
        return objects
    }

    /// Every way the organisation and the workspace's store differ from a clean apply of `manifests/examples`;
    /// empty when they match.
    static func problems(in organisation: ApplyOrganisation) async throws -> [String] {
        let objects = try await liveObjects(organisation.emulator)
        let webhookSecrets = try await organisation.emulator.webhookSecrets()
        let store = try organisation.store()
        var problems: [String] = []
        let byMarker = Dictionary(grouping: objects, by: \.marker)
        for marker in Set(byMarker.keys).subtracting(expected.keys).sorted() {
            problems.append("\(marker): not declared, yet \(byMarker[marker]?.count ?? 0) object(s) carry it")
        }
        for (marker, shape) in expected.sorted(by: { $0.key < $1.key }) {
            let found = byMarker[marker] ?? []
            guard found.count == 1, let object = found.first else {
                problems.append(
                    "\(marker): \(found.count) objects carry the marker (\(found.map(\.id).joined(separator: ", ")))")
                continue
            }
            if object.shape != shape {
                problems.append("\(marker): is '\(object.shape)', expected '\(shape)'")
            }
            guard let path = storePaths[marker] else { continue }
            problems += try await secretProblems(
                object, entry: try SecretEntryPath(path), store: store, webhookSecrets: webhookSecrets)
        }
        return problems
    }

    /// Checks that the store's `current` version holds the object's working secret.
    private static func secretProblems(
        _ object: LiveObject, entry: SecretEntryPath, store: FileSecretStore, webhookSecrets: [String: String]
    ) async throws -> [String] {
        let marker = object.marker
        guard let metadata = try await store.metadata(of: entry), let current = metadata.current else {
            return [
                "\(marker): \(object.isActive ? "active" : "inactive") \(object.id), but no current secret at \(entry)"
            ]
        }
        var problems: [String] = []
        if metadata.pending != nil {
            problems.append("\(marker): the store still holds a pending version at \(entry)")
        }
        if current.metadata.principalId != object.id {
            problems.append(
                "\(marker): the store's current version belongs to \(current.metadata.principalId ?? "nothing"), "
                    + "not to the live \(object.id)")
        }
        let value = try await store.readValue(of: entry, stage: .current)
        if marker.hasPrefix("dfnsops:Webhook/") {
            if value.webhookSecret == nil || value.webhookSecret != webhookSecrets[object.id] {
                problems.append("\(marker): the stored secret is not the live webhook's secret")
            }
            return problems
        }
        guard let pem = value.privateKeyPEM, let key = try? PrivateSigningKey(pem: pem) else {
            return problems + ["\(marker): the store's current version holds no readable private key"]
        }
        let stored = key.publicKey.fingerprint
        if stored != current.fingerprint {
            problems.append("\(marker): the stored key is \(stored), but its metadata says \(current.fingerprint)")
        }
        let live = object.publicKeyPEM.flatMap { try? PublicSigningKey(pem: $0) }?.fingerprint
        if live != stored {
            problems.append("\(marker): the live credential's key is \(live ?? "unreadable"), the store's \(stored)")
        }
        guard let token = value.token else {
            return problems + ["\(marker): the store's current version holds no token"]
        }
        let tokenId = tokenId(inBearerToken: token)
        if tokenId == nil || tokenId != object.tokenId {
            problems.append(
                "\(marker): the stored token is for \(tokenId ?? "nothing readable"), not \(object.tokenId ?? "?")")
        }
        return problems
    }
}
