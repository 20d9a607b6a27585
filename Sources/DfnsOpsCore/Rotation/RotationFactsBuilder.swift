import Foundation
import SecretStores

/// Builds `RotationFacts` from live objects and a store entry, the same way for plan and apply.
enum RotationFactsBuilder {
    /// Rekey: generations are the principal's Key credentials that the store has a record of (a version with the
    /// same public-key fingerprint or credential id), matched to store versions by fingerprint. A credential's
    /// generation comes from its name (`dfnsops:<kind>/<name>#<n>`), else from that store version.
    ///
    /// An active credential the store has no record of is not a generation, whatever its name says: someone added
    /// it beside dfnsops (drift reports it), so no rotation step counts, retires or deactivates it. Inactive
    /// credentials that carry a dfnsops name stay in the facts, so a rolled-back generation's number is never
    /// used again; being inactive, nothing deactivates them.
    ///
    /// With `credentials` nil — the principal's own list was not read, as in a plan that holds no token to act as
    /// the principal — the facts come from the store and the key the principal's list entry shows
    /// (``rekey(recordedIn:shown:)``).
    ///
    /// A generation is named by its credential id (`credentialId`), which the store records too, so that a plan
    /// made from the store names the same credential as one made from the list; apply finds its uuid in the list.
    static func rekey(
        credentials: [LivePrincipal.LiveCredential]?, entry: EntryMetadata, shown: LivePrincipal.LiveCredential? = nil
    ) -> RotationFacts {
        guard let credentials else { return rekey(recordedIn: entry, shown: shown) }
        let stored = entry.stagedVersions.map(\.version)
        let owned = credentials.filter { credential in
            let retiredByDfnsops =
                !credential.isActive && credential.name.flatMap(CredentialName.init(parsing:)) != nil
            return isRecorded(credential, in: entry) || retiredByDfnsops
        }
        let generations = owned.map { credential in
            let generation =
                credential.name.flatMap(CredentialName.init(parsing:))?.generation
                ?? stored.first { $0.fingerprint == credential.fingerprint }?.metadata.generation ?? 1
            return RotationFacts.LiveGeneration(
                generation: generation, matchKey: credential.fingerprint ?? "credential:\(credential.credentialId)",
                isActive: credential.isActive, created: credential.created, objectId: credential.credentialId)
        }
        return facts(generations, entry)
    }

    /// Rekey without the principal's own list: a store version is a registered generation when the store recorded
    /// its credential id, or when its key is the one the principal's list entry shows (`shown`, the credential of
    /// its token). It is active until the store records that dfnsops retired it
    /// (``SecretVersionMetadata/retiredAt``), or as `shown` says, and dates from when the version was written. This
    /// is what the store and the read token prove; the rest (someone deactivating a key by hand, a key added
    /// beside them) is known after apply, which lists the credentials as the principal and re-derives the facts
    /// before it changes anything.
    static func rekey(recordedIn entry: EntryMetadata, shown: LivePrincipal.LiveCredential? = nil) -> RotationFacts {
        let generations = entry.stagedVersions.compactMap { _, version -> RotationFacts.LiveGeneration? in
            let isShown = shown?.fingerprint != nil && shown?.fingerprint == version.fingerprint
            guard let credentialId = version.metadata.credentialId ?? (isShown ? shown?.credentialId : nil) else {
                return nil
            }
            return RotationFacts.LiveGeneration(
                generation: version.metadata.generation ?? 1, matchKey: version.fingerprint,
                isActive: version.metadata.retiredAt == nil && (isShown ? shown?.isActive ?? true : true),
                created: isShown ? shown?.created ?? version.createdAt : version.createdAt, objectId: credentialId)
        }
        return facts(generations, entry)
    }

    /// Rekey facts: the live generations with the store's stages, matched by key fingerprint.
    private static func facts(_ generations: [RotationFacts.LiveGeneration], _ entry: EntryMetadata) -> RotationFacts {
        let version = { (info: SecretVersionInfo?) in
            info.map { RotationFacts.StoredVersion(matchKey: $0.fingerprint, created: $0.createdAt) }
        }
        return RotationFacts(
            live: generations, pending: version(entry.pending), current: version(entry.current),
            previous: version(entry.previous))
    }

    /// Whether a store version records the credential: the same public-key fingerprint or credential id. Only such
    /// a credential is provably one dfnsops registered.
    static func isRecorded(_ credential: LivePrincipal.LiveCredential, in entry: EntryMetadata) -> Bool {
        entry.stagedVersions.contains { _, version in
            (credential.fingerprint != nil && version.fingerprint == credential.fingerprint)
                || version.metadata.credentialId == credential.credentialId
        }
    }

    /// One live object of a generation-per-object rotation (replace strategy, webhook twins).
    struct Member {
        var id: String
        var isActive: Bool
        var created: Date
    }

    /// Replace and webhook twins: generations are whole objects sharing a marker that some store version names
    /// (by principal id), numbered by that version. An object carrying the marker that no version names is no
    /// generation: nothing proves dfnsops made it, so no rotation step counts, retires or deletes it.
    static func byObject(_ members: [Member], entry: EntryMetadata) -> RotationFacts {
        let stored = entry.stagedVersions.map(\.version)
        let ordered = members.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
        let generations = ordered.compactMap { member -> RotationFacts.LiveGeneration? in
            guard let version = stored.first(where: { $0.metadata.principalId == member.id }) else { return nil }
            return RotationFacts.LiveGeneration(
                generation: version.metadata.generation ?? 1, matchKey: member.id, isActive: member.isActive,
                created: member.created, objectId: member.id)
        }
        let version = { (info: SecretVersionInfo?) in
            info.map { RotationFacts.StoredVersion(matchKey: $0.metadata.principalId ?? "", created: $0.createdAt) }
        }
        return RotationFacts(
            live: generations, pending: version(entry.pending), current: version(entry.current),
            previous: version(entry.previous))
    }
}
