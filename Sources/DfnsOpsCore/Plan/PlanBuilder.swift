import Foundation

/// Turns manifests, live state and store state into a deterministic, guarded plan: the diff's changes become
/// ordered actions and notes.
///
/// Pure: the same inputs give the same plan, byte for byte, apart from `createdAt`.
public struct PlanBuilder: Sendable {
    public var options: PlanOptions

    public init(options: PlanOptions) {
        self.options = options
    }

    /// Diffs, then plans the changes.
    public func build(desired: DesiredState, live: LiveState, store: StoreState, manifestsDigest: String) -> Plan {
        let changes = Differ(desired: desired, live: live, store: store, options: options).changes()
        return build(
            changes: changes, desired: desired, live: live, manifestsDigest: manifestsDigest,
            notes: RotationHoldNotes.notes(desired: desired, store: store, options: options))
    }

    /// Plans the changes the diff found; `notes` are reported beside the changes' own notes.
    public func build(
        changes: [Change], desired: DesiredState, live: LiveState, manifestsDigest: String, notes extra: [PlanNote] = []
    ) -> Plan {
        var actions: [PlannedAction] = []
        var notes: [PlanNote] = extra
        let effects = ActionEffects(desired: desired, permissions: PermissionResolver(live.permissions))
        for change in changes {
            let planned = ChangePlanner.plan(change)
            actions += planned.actions.map { action in
                var action = action
                action.effects = effects.effects(of: action, change)
                return action
            }
            notes += planned.notes
        }
        let ordered = order(actions, operatorAddress: desired.operatorManifest?.address)
        let guarded = PlanGuards(desired: desired, options: options).apply(to: ordered, live: live)
        // By finding and kind, then by what a reader recognises: the manifest name, or for objects no manifest
        // names the message, which starts with their name or URL. Ids (random) only break ties.
        let sortedNotes = notes.sorted {
            ($0.finding.rawValue, $0.kind.order, $0.name ?? "", $0.message, $0.dfnsId ?? "")
                < ($1.finding.rawValue, $1.kind.order, $1.name ?? "", $1.message, $1.dfnsId ?? "")
        }
        return Plan(
            createdAt: options.now, liveStateFingerprint: live.fingerprint, manifestsDigest: manifestsDigest,
            liveObjects: live.objectFingerprints,
            actions: guarded, notes: sortedNotes)
    }

    /// Orders actions: the operator's own rotation first (the rest of the run signs with its result), then
    /// creates, adoptions, updates, activations, rotations, and last deactivations and deletions; within a
    /// group by kind and name. Every action depends on the operator's rotation, and actions on one object
    /// run in that order.
    func order(_ actions: [PlannedAction], operatorAddress: ObjectAddress?) -> [PlannedAction] {
        let rank: [ActionType: Int] = [
            .create: 1, .adopt: 2, .update: 3, .activate: 4, .rotate: 5, .deactivate: 6, .delete: 7,
        ]
        func key(_ action: PlannedAction) -> (Int, Int, String, String) {
            let operatorFirst = action.type == .rotate && action.address == operatorAddress
            return (operatorFirst ? 0 : rank[action.type] ?? 9, action.kind.order, action.name, action.id)
        }
        var sorted = actions.sorted { key($0) < key($1) }
        let operatorRotation = sorted.first { $0.type == .rotate && $0.address == operatorAddress }?.id
        var lastOnObject: [ObjectAddress: String] = [:]
        for index in sorted.indices {
            var depends: [String] = []
            if let operatorRotation, sorted[index].id != operatorRotation { depends.append(operatorRotation) }
            if let previous = lastOnObject[sorted[index].address], !depends.contains(previous) {
                depends.append(previous)
            }
            sorted[index].dependsOn = depends
            lastOnObject[sorted[index].address] = sorted[index].id
        }
        return sorted
    }
}
