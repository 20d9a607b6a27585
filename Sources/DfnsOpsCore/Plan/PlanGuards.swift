/// Applies the safety guards of architecture.md to ordered actions, recording each verdict on its action.
struct PlanGuards: Sendable {
    var desired: DesiredState
    var options: PlanOptions

    func apply(to actions: [PlannedAction], live: LiveState) -> [PlannedAction] {
        var result = actions
        let maxDeactivations = options.maxDeactivations ?? desired.settings.guards.maxDeactivations
        let maxRotations =
            options.maxRotations ?? desired.settings.guards.maxRotations ?? PlanOptions.defaultMaxRotations
        let declaresObjects = desired.declaresDfnsObjects

        // Rotations that start this run: the most overdue first; the rest wait for a later run.
        let starting = result.indices.filter { result[$0].rotation?.phase == .due }
            .sorted {
                let a = result[$0]
                let b = result[$1]
                return (-(a.rotation?.overdueBy ?? -.infinity), a.address.description) < (
                    -(b.rotation?.overdueBy ?? -.infinity), b.address.description
                )
            }
        for (position, index) in starting.enumerated() {
            let passed = position < maxRotations
            result[index].guards.append(
                GuardCheck(
                    .maxRotations, passed: passed,
                    message: passed
                        ? "rotation \(position + 1) of at most \(maxRotations) this run"
                        : "waits: \(maxRotations) more overdue rotations start first (maxRotations)"))
        }

        var destructiveCount = 0
        for index in result.indices {
            let action = result[index]
            // Counted by effect: a retire step or an orphan clean-up takes objects away as surely as a deactivation.
            let removals = action.effects.count(where: \.removesExisting)
            let retiring = action.type == .rotate && removals > 0
            guard action.type.isDestructive || removals > 0 else { continue }
            if action.reason == .pruned {
                result[index].guards.append(
                    GuardCheck(
                        .emptyDesiredSet, passed: declaresObjects,
                        message: declaresObjects
                            ? "the manifests declare objects, so pruning may proceed"
                            : "the manifests declare no service account, PAT or webhook; an empty set never prunes"))
            }
            if action.type.isDestructive,
                let manifest = desired.manifest(at: action.address)
            {
                if manifest.isProtected {
                    result[index].guards.append(
                        GuardCheck(.protected, passed: false, message: "the manifest sets protect: true"))
                }
                if manifest.isOperator {
                    result[index].guards.append(
                        GuardCheck(
                            .operatorCredential, passed: false,
                            message: "dfnsops runs as this principal; deactivating it would lock dfnsops out"))
                }
            }
            if retiring {
                result[index].guards.append(
                    GuardCheck(
                        .activeCredentialCount, passed: true,
                        message: "the new generation is active and current in the store; one stays active"))
                if action.kind == .webhook {
                    result[index].guards.append(
                        GuardCheck(
                            .receiverVerified, passed: true,
                            message: "checked at apply: the new webhook's receiver must answer a ping with 200 first"))
                }
            }
            guard !result[index].isBlocked else { continue }
            destructiveCount += max(removals, 1)
            let passed = destructiveCount <= maxDeactivations
            result[index].guards.append(
                GuardCheck(
                    .maxDeactivations, passed: passed,
                    message: passed
                        ? "deactivation \(destructiveCount) of at most \(maxDeactivations) this run"
                        : "more than \(maxDeactivations) deactivations or deletions in one run (maxDeactivations)"))
        }
        return result
    }
}
