import Foundation

/// Turns manifests, live state and store state into a deterministic, guarded plan.
///
/// Pure: the same inputs give the same plan, byte for byte, apart from `createdAt`.
public struct PlanBuilder: Sendable {
    public var options: PlanOptions

    public init(options: PlanOptions) {
        self.options = options
    }

    /// Builds the plan.
    public func build(desired: DesiredState, live: LiveState, store: StoreState, manifestsDigest: String) -> Plan {
        let context = DiffContext(desired: desired, live: live, store: store, options: options)
        var outcome = DiffOutcome()
        let defaults = desired.settings.defaults.rotation
        let principals = PrincipalDiff(context: context)
        for declared in desired.serviceAccounts {
            outcome.merge(principals.diff(DeclaredPrincipal(declared, defaults: defaults)))
        }
        for declared in desired.personalAccessTokens {
            outcome.merge(principals.diff(DeclaredPrincipal(declared, defaults: defaults)))
        }
        let webhooks = WebhookDiff(context: context)
        for declared in desired.webhooks {
            outcome.merge(webhooks.diff(declared))
        }
        outcome.merge(UnmanagedScan(context: context).scan())

        let ordered = order(outcome.actions, operatorAddress: desired.operatorManifest?.reference)
        let guarded = PlanGuards(desired: desired, options: options).apply(to: ordered, live: live)
        // By finding and kind, then by what a reader recognises: the manifest name, or for objects no manifest
        // names the message, which starts with their name or URL. Ids (random) only break ties.
        let drift = outcome.drift.sorted {
            ($0.finding.rawValue, Self.kindIndex($0.kind), $0.name ?? "", $0.message, $0.dfnsId ?? "")
                < ($1.finding.rawValue, Self.kindIndex($1.kind), $1.name ?? "", $1.message, $1.dfnsId ?? "")
        }
        return Plan(
            createdAt: options.now, liveStateFingerprint: options.recordsLiveFingerprints ? live.fingerprint : "",
            manifestsDigest: manifestsDigest,
            liveObjects: options.recordsLiveFingerprints ? live.objectFingerprints : [:],
            actions: guarded, drift: drift)
    }

    /// Orders actions: the operator's own rotation first (the rest of the run signs with its result), then
    /// creates, adoptions, updates, activations, rotations, and last deactivations and deletions; within a
    /// group by kind and name. Every action depends on the operator's rotation, and actions on one object
    /// run in that order.
    func order(_ actions: [PlannedAction], operatorAddress: String?) -> [PlannedAction] {
        let rank: [ActionType: Int] = [
            .create: 1, .adopt: 2, .update: 3, .activate: 4, .rotate: 5, .deactivate: 6, .delete: 7,
        ]
        func key(_ action: PlannedAction) -> (Int, Int, String, String) {
            let operatorFirst = action.type == .rotate && action.address == operatorAddress
            return (operatorFirst ? 0 : rank[action.type] ?? 9, Self.kindIndex(action.kind), action.name, action.id)
        }
        var sorted = actions.sorted { key($0) < key($1) }
        let operatorRotation = sorted.first { $0.type == .rotate && $0.address == operatorAddress }?.id
        var lastOnObject: [String: String] = [:]
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

    static func kindIndex(_ kind: ManifestKind) -> Int {
        ManifestKind.allCases.firstIndex(of: kind) ?? 0
    }
}
