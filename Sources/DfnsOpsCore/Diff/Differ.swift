import DfnsAPI
import Foundation
import SecretStores

/// The diff stage: compares the desired state with the live organisation and the store, and returns the
/// changes, in manifest order followed by unmanaged objects.
///
/// Pure: it reads values observed by the caller. The per-kind diffs read what it computes once per run.
public struct Differ: Sendable {
    public var desired: DesiredState
    public var live: LiveState
    public var store: StoreState
    public var options: PlanOptions
    var permissions: PermissionResolver
    /// Declared and live objects by marker and id.
    var index: DiffIndex
    /// The live objects some store entry records: what dfnsops can prove it made.
    var recordedIds: Set<String>

    public init(desired: DesiredState, live: LiveState, store: StoreState, options: PlanOptions) {
        self.desired = desired
        self.live = live
        self.store = store
        self.options = options
        permissions = PermissionResolver(live.permissions)
        index = DiffIndex(desired: desired, live: live)
        recordedIds = store.recordedIds
    }

    /// Every change between the manifests and what was observed.
    public func changes() -> [Change] {
        let principals = PrincipalDiff(context: self)
        let webhooks = WebhookDiff(context: self)
        return desired.keyedPrincipals.flatMap(principals.diff) + desired.webhooks.flatMap(webhooks.diff)
            + UnmanagedScan(context: self).scan()
    }

    var now: Date { options.now }

    /// A principal's Key credentials when dfnsops listed them acting as the principal; nil when it did not (plan
    /// reads no token, and a principal may be refused its own list), and the rotation facts then come from the store.
    func credentials(of principal: LivePrincipal) -> [LivePrincipal.LiveCredential]? {
        live.credentials[principal.id].map { $0.filter { $0.kind == "Key" }.map(LivePrincipal.credential) }
    }

    /// Nil when dfnsops can prove it made `current` — a version of the entry names it, or `spec.adopt` does; else
    /// what is reported instead of any change, since a marker alone proves nothing: with no entry at all, that the
    /// store holds nothing for it (the store may not be mounted); else every object carrying the marker, as foreign.
    func unproven(
        current: String, adopted: String?, matched: [(id: String, label: String)], marker: OwnershipMarker,
        entry: EntryMetadata?, location: StoreLocation?
    ) -> [(id: String, fact: Change.Fact)]? {
        let referenced = Set(entry?.stagedVersions.compactMap(\.version.metadata.principalId) ?? [])
        guard adopted != current, !referenced.contains(current) else { return nil }
        guard entry != nil else { return [(current, .noStoreEntry(location))] }
        return matched.map {
            ($0.id, .foreignMarker(Change.ForeignMarker(marker: marker, label: $0.label, declared: true)))
        }
    }

    /// Live objects beside the current one that carry a declared marker, with nothing to prove dfnsops made them:
    /// no version of the entry names them, and they are not what an interrupted run of this entry left.
    func foreignMarkers(
        _ matched: [(id: String, label: String)], current: String, marker: OwnershipMarker, entry: EntryMetadata?,
        orphans: [String]
    ) -> [(id: String, fact: Change.Fact)] {
        let referenced = Set(entry?.stagedVersions.compactMap(\.version.metadata.principalId) ?? [])
        return matched.filter { $0.id != current && !referenced.contains($0.id) && !orphans.contains($0.id) }.map {
            ($0.id, .foreignMarker(Change.ForeignMarker(marker: marker, label: $0.label, declared: true)))
        }
    }

    /// Where a rotation stands, or nil when it is steady.
    func rotation(
        of facts: RotationFacts, _ policy: RotationPolicy, address: ObjectAddress, entry: EntryMetadata,
        strategy: String? = nil, candidates: [InterruptedCreation.Candidate] = []
    ) -> Change.RotationState? {
        let recordedTrigger = entry.current?.metadata.trigger
        let inputs = RotationPhaseResolver.Inputs(
            policy: policy, kind: address.kind, recordedTrigger: recordedTrigger, hold: entry.current?.metadata.hold,
            manual: options.manualRotations.contains(address), now: now)
        let status = RotationPhaseResolver.status(of: facts, inputs)
        guard status.phase != .steady else { return nil }
        return Change.RotationState(
            status: status, strategy: strategy ?? policy.strategy.rawValue, recordedTrigger: recordedTrigger,
            declaredTrigger: policy.trigger, facts: facts, pendingId: entry.pending?.metadata.principalId,
            currentId: entry.current?.metadata.principalId, previousId: entry.previous?.metadata.principalId,
            orphanIds: InterruptedCreation.orphans(
                staged: entry.pending,
                referenced: Set(entry.stagedVersions.compactMap(\.version.metadata.principalId)),
                candidates: candidates))
    }
}
