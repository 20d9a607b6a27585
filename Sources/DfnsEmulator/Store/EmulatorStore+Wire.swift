import DfnsAPI
import Foundation

/// Conversions from stored entities to the wire models of `DfnsAPI`.
extension EmulatorStore {
    /// Pass a `lookup` when rendering many models in one response (list requests).
    func assignmentInfos(of identityId: String, lookup: WireLookup? = nil) -> [PermissionAssignmentInfo] {
        let assignments =
            lookup?.assignments(of: identityId) ?? state.assignments.filter { $0.identityId == identityId }
        return assignments.compactMap { assignment in
            let found =
                lookup.map { $0.permission(id: assignment.permissionId) }
                ?? state.permissions.first(where: { $0.id == assignment.permissionId })
            guard let permission = found else {
                return nil
            }
            return PermissionAssignmentInfo(
                permissionName: permission.name, permissionId: permission.id, assignmentId: assignment.id,
                operations: permission.operations)
        }
    }

    func userModel(_ user: StoredUser, lookup: WireLookup? = nil) -> User {
        let infos = assignmentInfos(of: user.userId, lookup: lookup)
        return User(
            userId: user.userId, username: user.username, name: user.name, kind: user.kind,
            credentialUuid: user.credentialUuid, orgId: user.orgId,
            permissions: Array(Set(infos.flatMap { $0.operations ?? [] })).sorted(), isActive: user.isActive,
            isServiceAccount: user.isServiceAccount, isRegistered: user.isRegistered,
            isSSORequired: user.isSSORequired, permissionAssignments: infos)
    }

    func userInfoModel(_ user: StoredUser, lookup: WireLookup? = nil) -> UserInfo {
        let infos = assignmentInfos(of: user.userId, lookup: lookup)
        return UserInfo(
            userId: user.userId, username: user.username, name: user.name, kind: user.kind,
            credentialUuid: user.credentialUuid, orgId: user.orgId, externalId: user.externalId,
            permissions: Array(Set(infos.flatMap { $0.operations ?? [] })).sorted(), isActive: user.isActive,
            isServiceAccount: user.isServiceAccount, isRegistered: user.isRegistered, permissionAssignments: infos)
    }

    func credentialModel(_ credential: StoredCredential) -> Credential {
        Credential(
            kind: credential.kind, credentialId: credential.credentialId, credentialUuid: credential.credentialUuid,
            dateCreated: DfnsDate.format(credential.dateCreated), isActive: credential.isActive,
            name: credential.name, publicKey: credential.publicKeyPEM, relyingPartyId: credential.relyingPartyId,
            origin: credential.origin)
    }

    func accessTokenModel(_ token: StoredAccessToken, accessToken: String? = nil, lookup: WireLookup? = nil)
        -> AccessToken
    {
        let stored = token.credentialUuid.flatMap { uuid in
            lookup.map { $0.credential(uuid: uuid) } ?? credential(uuid: uuid)
        }
        return AccessToken(
            accessToken: accessToken, tokenId: token.tokenId, credId: stored?.credentialId ?? "",
            publicKey: stored?.publicKeyPEM ?? "", isActive: token.isActive,
            dateCreated: DfnsDate.format(token.dateCreated), kind: token.kind.rawValue,
            linkedUserId: token.linkedUserId, name: token.name, orgId: token.orgId, externalId: token.externalId,
            permissionAssignments: assignmentInfos(of: token.tokenId, lookup: lookup))
    }

    func serviceAccountModel(_ user: StoredUser, accessToken: String? = nil, lookup: WireLookup? = nil)
        -> ServiceAccount
    {
        let tokens = (lookup?.tokens(linkedTo: user.userId) ?? state.tokens).filter {
            $0.linkedUserId == user.userId && $0.kind == .serviceAccount
        }
        return ServiceAccount(
            userInfo: userInfoModel(user, lookup: lookup),
            accessTokens: tokens.enumerated().map { index, token in
                accessTokenModel(token, accessToken: index == 0 ? accessToken : nil, lookup: lookup)
            })
    }

    func webhookModel(_ webhook: StoredWebhook, includeSecret: Bool = false) -> Webhook {
        Webhook(
            id: webhook.id, url: webhook.url, events: webhook.events, status: WebhookStatus(rawValue: webhook.status),
            description: webhook.description, dateCreated: DfnsDate.format(webhook.dateCreated),
            dateUpdated: DfnsDate.format(webhook.dateUpdated), secret: includeSecret ? webhook.secret : nil)
    }

    func webhookEventModel(_ event: StoredWebhookEvent) -> WebhookEvent {
        WebhookEvent(
            id: event.id, kind: event.kind, date: DfnsDate.format(event.date), data: event.data, status: event.status,
            error: event.error, timestampSent: event.timestampSent, deliveryAttempt: event.deliveryAttempt,
            retryOf: event.retryOf)
    }

    func permissionModel(_ permission: StoredPermission) -> Permission {
        Permission(
            id: permission.id, name: permission.name, operations: permission.operations, status: "Active",
            isImmutable: permission.isImmutable, isArchived: permission.isArchived,
            dateCreated: DfnsDate.format(permission.dateCreated), dateUpdated: DfnsDate.format(permission.dateUpdated))
    }

    func assignmentModel(_ assignment: StoredAssignment) -> PermissionAssignment {
        PermissionAssignment(
            id: assignment.id, permissionId: assignment.permissionId, identityId: assignment.identityId,
            isImmutable: assignment.isImmutable, dateCreated: DfnsDate.format(assignment.dateCreated),
            dateUpdated: DfnsDate.format(assignment.dateUpdated))
    }
}
