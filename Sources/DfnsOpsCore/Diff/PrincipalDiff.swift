import DfnsAPI
import Foundation
import SecretStores

/// Diffs one declared service account or PAT against the live principals of its kind.
struct PrincipalDiff: Sendable {
    var context: DiffContext

    func diff(_ declared: DeclaredPrincipal) -> DiffOutcome {
        var outcome = DiffOutcome()
        let kind = declared.kind
        let location = context.desired.storeLocation(kind: kind, name: declared.name, reference: declared.store)
        let entry = location.flatMap { context.store[$0] }

        var matched = context.index.principals(kind, carrying: declared.marker)
        if let adopt = declared.adopt {
            guard let adopted = context.index.principal(kind, id: adopt) else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .missing, kind: kind, name: declared.name, dfnsId: adopt,
                        message: "spec.adopt names \(adopt), which does not exist in the organisation; "
                            + "correct the id, or remove spec.adopt to have dfnsops create it"))
                return outcome
            }
            matched.removeAll { $0.id == adopt }
            matched.insert(adopted, at: 0)
        }

        guard !matched.isEmpty else {
            outcome.drift += unknownPermissions(declared)
            if declared.management == .managed {
                outcome.actions.append(createAction(declared, location: location))
            } else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .heldBack, kind: kind, name: declared.name,
                        message:
                            "declared but absent; management is \(declared.management.rawValue), so it is not created"))
            }
            return outcome
        }

        if declared.management == .managed, declared.adopt == nil,
            let interrupted = InterruptedCreation.find(
                entry: entry,
                candidates: matched.map { .init(id: $0.id, keyFingerprint: $0.tokenCredential?.fingerprint) })
        {
            outcome.drift += unknownPermissions(declared)
            outcome.actions.append(
                interrupted.action(completing: createAction(declared, location: location), what: "token"))
            return outcome
        }

        let currentId = entry?.current?.metadata.principalId
        let current = matched.first { $0.id == currentId } ?? matched[0]
        outcome.merge(fieldChanges(declared, current: current))
        if declared.management == .managed, declared.key.rotation.strategy == .rekey, matched.count > 1 {
            for duplicate in matched where duplicate.id != current.id {
                outcome.drift.append(
                    DriftEntry(
                        finding: .unmanaged, kind: kind, name: declared.name, dfnsId: duplicate.id,
                        message: "a second \(kind.rawValue) carries the marker \(declared.marker); it is left alone"))
            }
        }
        guard declared.management == .managed, current.isActive, declared.active else { return outcome }
        guard let entry else {
            outcome.drift.append(
                DriftEntry(
                    finding: .storeMismatch, kind: kind, name: declared.name, dfnsId: current.id,
                    message: location.map {
                        "no store entry at \($0): dfnsops holds no key for it, so it cannot rotate"
                    }
                        ?? "no secret store is declared for it"))
            return outcome
        }
        let strategy = declared.key.rotation.strategy
        let facts =
            strategy == .replace
            ? RotationFactsBuilder.byObject(
                matched.map { .init(id: $0.id, isActive: $0.isActive, created: $0.created ?? .distantPast) },
                entry: entry)
            : RotationFactsBuilder.rekey(credentials: context.credentials(of: current), entry: entry)
        let status = RotationPhaseResolver.status(
            of: facts,
            context.rotationInputs(
                declared.key.rotation, address: declared.address, recordedTrigger: entry.current?.metadata.trigger))
        outcome.merge(
            context.rotationOutcome(
                kind: kind, name: declared.name, dfnsId: current.id, status: status, strategy: strategy.rawValue,
                recordedTrigger: entry.current?.metadata.trigger, declaredTrigger: declared.key.rotation.trigger))
        return outcome
    }

    private func createAction(_ declared: DeclaredPrincipal, location: StoreLocation?) -> PlannedAction {
        var changes = [FieldChange(field: "name", before: nil, after: .string(declared.dfnsName))]
        if !declared.permissions.isEmpty {
            changes.append(FieldChange(field: "permissions", before: nil, after: .list(declared.permissions.sorted())))
        }
        changes.append(
            FieldChange(field: "key.algorithm", before: nil, after: .string(declared.key.algorithm.rawValue)))
        if let location {
            changes.append(FieldChange(field: "store", before: nil, after: .string(location.description)))
        }
        if !declared.active { changes.append(FieldChange(field: "active", before: nil, after: .bool(false))) }
        return PlannedAction(
            id: "create:\(declared.address)", type: .create, kind: declared.kind, name: declared.name,
            reason: .notFound, changes: changes,
            summary:
                "create \(declared.address) (\"\(declared.dfnsName)\") with a new \(declared.key.algorithm.rawValue) key"
        )
    }

    private func fieldChanges(_ declared: DeclaredPrincipal, current: LivePrincipal) -> DiffOutcome {
        var outcome = DiffOutcome()
        var actions: [PlannedAction] = []
        let address = declared.address
        if declared.adopt == current.id, current.marker != declared.marker {
            actions.append(
                PlannedAction(
                    id: "adopt:\(address)", type: .adopt, kind: declared.kind, name: declared.name, dfnsId: current.id,
                    reason: .adoptionRequested,
                    changes: [
                        FieldChange(
                            field: "externalId", before: current.externalId.map(PlanValue.string),
                            after: .string(declared.marker.externalId))
                    ], summary: "adopt \(current.id) as \(address)"))
        }
        var changes: [FieldChange] = []
        if declared.dfnsName != current.name {
            changes.append(FieldChange(field: "name", before: .string(current.name), after: .string(declared.dfnsName)))
        }
        let wanted = Set(declared.permissions.compactMap { context.permissions.resolve($0)?.id })
        outcome.drift += unknownPermissions(declared)
        let have = Set(current.permissions.keys)
        if wanted != have {
            let names = { (ids: Set<String>) in ids.map { context.permissions.name(of: $0) }.sorted() }
            changes.append(FieldChange(field: "permissions", before: .list(names(have)), after: .list(names(wanted))))
        }
        if !changes.isEmpty {
            actions.append(
                PlannedAction(
                    id: "update:\(address)", type: .update, kind: declared.kind, name: declared.name,
                    dfnsId: current.id, reason: .fieldsChanged, changes: changes, summary: "update \(address)"))
        }
        if declared.active != current.isActive {
            let type: ActionType = declared.active ? .activate : .deactivate
            actions.append(
                PlannedAction(
                    id: "\(type.rawValue):\(address)", type: type, kind: declared.kind, name: declared.name,
                    dfnsId: current.id, reason: declared.active ? .declaredActive : .declaredInactive,
                    changes: [
                        FieldChange(field: "active", before: .bool(current.isActive), after: .bool(declared.active))
                    ],
                    summary: "\(type.rawValue) \(address)"))
        }
        if declared.management == .managed {
            outcome.actions = actions
        } else if !actions.isEmpty {
            let fields = actions.flatMap(\.changes).map(\.field).joined(separator: ", ")
            outcome.drift.append(
                DriftEntry(
                    finding: .heldBack, kind: declared.kind, name: declared.name, dfnsId: current.id,
                    message: "differs from its manifest (\(fields)); management is \(declared.management.rawValue)"))
        }
        return outcome
    }

    /// A finding for each permission the manifest names that the organisation does not have.
    private func unknownPermissions(_ declared: DeclaredPrincipal) -> [DriftEntry] {
        declared.permissions.filter { context.permissions.resolve($0) == nil }.map { name in
            DriftEntry(
                finding: .missing, kind: declared.kind, name: declared.name,
                message: "permission '\(name)' does not exist in the organisation; it is not assigned")
        }
    }
}
