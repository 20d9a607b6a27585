import Foundation
import SecretStores

/// What an apply that stopped part-way through creating an object left behind, recognised from facts alone.
///
/// A create writes to the store before anything reaches Dfns: the new key (service accounts, PATs) or an intent
/// (webhooks) as `pending`, without a principal id. Once Dfns answers, the token or secret is written as
/// `pending` with the new object's id, then promoted to `current`. A `pending` version while no live object
/// carrying the marker is the one the entry's `current` or `previous` version belongs to is therefore a
/// creation in progress, and the staged key's fingerprint (or the intent's time) tells which objects it made.
/// An object that carries the marker while its entry is absent is not one: the store may simply not be
/// mounted, so nothing is ever removed on that basis.
enum InterruptedCreation: Sendable, Hashable {
    /// The new object's token or secret is staged under its id: promote it, then finish the object.
    case finish(objectId: String)
    /// These objects were created from the staged key (or after the staged intent), but their token or secret
    /// never reached the store, and Dfns shows it only once: nobody can use them. Remove them and create again.
    case replace(orphanIds: [String])

    /// A live object that carries the marker.
    struct Candidate: Sendable {
        var id: String
        /// The public-key fingerprint of its credential (service accounts, PATs).
        var keyFingerprint: String?
        /// When Dfns created it (webhooks).
        var created: Date?
    }

    /// How much earlier than the staged intent a webhook may be dated and still count as created after it,
    /// for clock skew between this machine and Dfns.
    static let clockSkewAllowance: TimeInterval = 300

    /// The interrupted creation the facts show, or nil when they show none (or are not conclusive).
    static func find(entry: EntryMetadata?, candidates: [Candidate]) -> InterruptedCreation? {
        guard let entry, let pending = entry.pending, !candidates.isEmpty else { return nil }
        // An object the store already holds a version for is in use (a rotation may be staging its next key).
        let held = [entry.current, entry.previous].compactMap { $0?.metadata.principalId }
        guard !candidates.contains(where: { held.contains($0.id) }) else { return nil }
        if let id = pending.metadata.principalId {
            return candidates.contains { $0.id == id } ? .finish(objectId: id) : nil
        }
        let madeByTheInterruptedRun = candidates.allSatisfy { candidate in
            switch pending.kind {
            case .privateKey:
                return candidate.keyFingerprint == pending.fingerprint
            case .webhookSecret:
                guard let created = candidate.created else { return false }
                return created >= pending.createdAt.addingTimeInterval(-clockSkewAllowance)
            }
        }
        return madeByTheInterruptedRun ? .replace(orphanIds: candidates.map(\.id).sorted()) : nil
    }

    /// The live objects carrying the marker that no store version names but that the version staged as `pending`
    /// proves an interrupted run made: created from its key (keys), or after its intent (webhooks). Removing
    /// them is safe; anything else carrying the marker may belong to someone else and is left alone.
    static func orphans(staged pending: SecretVersionInfo?, referenced: Set<String>, candidates: [Candidate])
        -> [String]
    {
        guard let pending, pending.metadata.principalId == nil else { return [] }
        return candidates.filter { candidate in
            guard !referenced.contains(candidate.id) else { return false }
            switch pending.kind {
            case .privateKey:
                return candidate.keyFingerprint != nil && candidate.keyFingerprint == pending.fingerprint
            case .webhookSecret:
                guard let created = candidate.created else { return false }
                return created >= pending.createdAt.addingTimeInterval(-clockSkewAllowance)
            }
        }.map(\.id).sorted()
    }
}
