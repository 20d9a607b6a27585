import DfnsAPI
import Foundation
import SecretStores

/// Everything the per-kind diffs read, computed once per plan.
struct DiffContext: Sendable {
    var desired: DesiredState
    var live: LiveState
    var store: StoreState
    var options: PlanOptions
    var permissions: PermissionResolver
    /// Declared and live objects by marker and id.
    var index: DiffIndex

    init(desired: DesiredState, live: LiveState, store: StoreState, options: PlanOptions) {
        self.desired = desired
        self.live = live
        self.store = store
        self.options = options
        permissions = PermissionResolver(live.permissions)
        index = DiffIndex(desired: desired, live: live)
    }

    var now: Date { options.now }

    /// A principal's Key credentials: the listed ones when dfnsops could list them acting as the principal,
    /// else the one its token shows.
    func credentials(of principal: LivePrincipal) -> [LivePrincipal.LiveCredential] {
        if let listed = live.credentials[principal.id] {
            return listed.filter { $0.kind == "Key" }.map(LivePrincipal.credential)
        }
        return principal.tokenCredential.map { [$0] } ?? []
    }

    /// The rotation inputs for a policy at this plan's time.
    func rotationInputs(_ policy: RotationPolicy, address: String, recordedTrigger: String?)
        -> RotationPhaseResolver.Inputs
    {
        guard
            let kind = address.split(separator: "/", maxSplits: 1).first.flatMap({ ManifestKind(rawValue: String($0)) })
        else { preconditionFailure("rotationInputs: '\(address)' is not KIND/NAME") }
        return RotationPhaseResolver.Inputs(
            policy: policy, kind: kind, recordedTrigger: recordedTrigger,
            manual: options.manualRotations.contains(address), now: now)
    }

    /// Turns a rotation status into the action or finding the plan shows for it.
    func rotationOutcome(
        kind: ManifestKind, name: String, dfnsId: String?, status: RotationStatus, strategy: String,
        recordedTrigger: String?, declaredTrigger: String?
    ) -> DiffOutcome {
        var outcome = DiffOutcome()
        let address = "\(kind.rawValue)/\(name)"
        switch status.phase {
        case .steady:
            break
        case .done:
            if status.nextStepAt == nil {
                outcome.actions.append(
                    PlannedAction(
                        id: "rotate:\(address):finish", type: .rotate, kind: kind, name: name, dfnsId: dfnsId,
                        reason: .rotationInProgress, rotation: status,
                        summary: "drop the previous version of \(address) from the store (retain elapsed)"))
            }
        case .overlap:
            outcome.drift.append(
                DriftEntry(
                    finding: .rotationWaiting, kind: kind, name: name, dfnsId: dfnsId,
                    message: "rotation in overlap (\(strategy))", rotation: status))
        case .inconsistent:
            outcome.drift.append(
                DriftEntry(
                    finding: .storeMismatch, kind: kind, name: name, dfnsId: dfnsId,
                    message: status.problem ?? "the store does not match the live credentials", rotation: status))
        case .due, .staged, .registered, .retire:
            let reason: ActionReason =
                switch status.trigger {
                case .maxAge?: .rotationMaxAge
                case .triggerChanged?: .rotationTriggerChanged
                case .manual?: .rotationManual
                case nil: .rotationInProgress
                }
            outcome.actions.append(
                PlannedAction(
                    id: "rotate:\(address):\(status.phase.rawValue)", type: .rotate, kind: kind, name: name,
                    dfnsId: dfnsId, reason: reason,
                    changes: reason == .rotationTriggerChanged
                        ? [
                            FieldChange(
                                field: "rotation.trigger", before: recordedTrigger.map(PlanValue.string),
                                after: declaredTrigger.map(PlanValue.string))
                        ] : [],
                    rotation: status,
                    summary: "rotate \(address) (\(strategy)): \(status.nextStep ?? status.phase.rawValue)"))
        }
        return outcome
    }
}
