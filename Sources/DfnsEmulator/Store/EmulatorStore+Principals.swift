import DfnsAPI
import Foundation

/// What service accounts and PATs share: a new principal's key, lifetime and starting permission.
extension EmulatorStore {
    /// What a new service account or PAT is created with, checked in the order Dfns reports problems: a name, a
    /// supported public key, a lifetime, an assignable permission.
    struct NewPrincipal {
        /// The name, trimmed.
        let name: String
        let publicKey: PublicSigningKey
        let expiresAt: Date
    }

    /// Checks the fields every new service account or PAT has.
    func newPrincipal(
        name: String, publicKey pem: String, daysValid: Int?, secondsValid: Int?, permissionId: String?,
        caller: Caller
    ) throws -> NewPrincipal {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw EmulatorError.badRequest("name must not be empty") }
        let publicKey = try loadPublicKey(pem)
        let expiry = try tokenExpiry(daysValid: daysValid, secondsValid: secondsValid)
        try checkAssignable(permissionId, caller: caller)
        return NewPrincipal(name: name, publicKey: publicKey, expiresAt: expiry)
    }

    /// Refuses a new name that is empty or blank.
    func checkNewName(_ name: String?) throws {
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw EmulatorError.badRequest("name must not be empty")
        }
    }

    /// Loads the public key of a new service account or PAT.
    func loadPublicKey(_ pem: String) throws -> PublicSigningKey {
        do {
            return try PublicSigningKey(pem: pem)
        } catch {
            throw EmulatorError.badRequest("publicKey is not a supported PEM public key: \(error)")
        }
    }

    /// The expiry of a new token: `secondsValid` wins over `daysValid`; at most 730 days.
    func tokenExpiry(daysValid: Int?, secondsValid: Int?) throws -> Date {
        if let secondsValid {
            guard secondsValid > 0, secondsValid <= 730 * 86_400 else {
                throw EmulatorError.badRequest("secondsValid must be from 1 to \(730 * 86_400)")
            }
            return now.addingTimeInterval(TimeInterval(secondsValid))
        }
        let days = daysValid ?? 365
        guard days >= 1, days <= 730 else { throw EmulatorError.badRequest("daysValid must be from 1 to 730") }
        return now.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// Checks that `permissionId` names a permission of the caller's organisation that the caller may assign.
    func checkAssignable(_ permissionId: String?, caller: Caller) throws {
        guard let permissionId else { return }
        try require("Permissions:Assign", caller)
        guard let index = permissionIndex(permissionId, in: caller.orgId), !state.permissions[index].isArchived else {
            throw EmulatorError.notFound("permission", permissionId)
        }
    }

    /// Records a permission assignment created along with a principal.
    func assign(_ permissionId: String?, to identityId: String, orgId: String) {
        guard let permissionId else { return }
        state.assignments.append(
            StoredAssignment(
                id: EntityID.make("as"), orgId: orgId, permissionId: permissionId, identityId: identityId,
                isImmutable: false, dateCreated: now, dateUpdated: now))
    }

    /// A new Key credential for a service account or PAT, from the public key it was created with.
    func makeCredential(publicKey: PublicSigningKey, ownerId: String, orgId: String, name: String) -> StoredCredential {
        StoredCredential(
            credentialUuid: EntityID.make("cr"), credentialId: RandomBytes.base64URL(32), ownerId: ownerId,
            orgId: orgId, kind: "Key", name: name, publicKeyPEM: publicKey.pem, isActive: true, dateCreated: now,
            relyingPartyId: "localhost", origin: ClientData.defaultOrigin)
    }
}
