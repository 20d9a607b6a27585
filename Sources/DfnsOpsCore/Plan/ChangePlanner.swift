/// What the plan makes of one change: the actions that resolve it, or a note when dfnsops leaves it be.
enum ChangePlanner {
    static func plan(_ change: Change) -> (actions: [PlannedAction], notes: [PlanNote]) {
        func note(_ finding: PlanNote.Finding, rotation: RotationStatus? = nil) -> ([PlannedAction], [PlanNote]) {
            let note = PlanNote(
                finding: finding, kind: change.kind, name: change.name, dfnsId: change.dfnsId,
                message: change.message, rotation: rotation)
            return ([], [note])
        }
        guard let address = change.address else {
            if case .foreignMarker = change.fact { return note(.foreignMarker) }
            guard case .unmanaged(let unmanaged) = change.fact, let verb = unmanaged.prune,
                let marker = unmanaged.marker
            else { return note(.unmanaged) }
            let action = PlannedAction(
                id: "\(verb.rawValue):\(marker.address)", type: verb, kind: change.kind, name: marker.name,
                dfnsId: change.dfnsId, reason: .pruned, summary: change.message)
            return ([action], [])
        }
        switch change.fact {
        case .absent(let absence):
            guard change.management == .managed else { return note(.heldBack) }
            return ([create(address, absence)], [])
        case .adoptedObjectMissing, .unknownPermission:
            return note(.missing)
        case .differs(let differences):
            guard change.management == .managed else { return note(.heldBack) }
            return (actions(address, dfnsId: change.dfnsId, differences), [])
        case .unmanaged:
            return note(.unmanaged)
        case .foreignMarker:
            // Named by its id: it is not the declared object, only carries its marker.
            var (actions, notes) = note(.foreignMarker)
            notes[0].name = nil
            return (actions, notes)
        case .unmanagedCredential(let credential):
            guard credential.exclusive, change.management == .managed, let uuid = credential.credentialUuid else {
                var (actions, notes) = note(.unmanagedCredential)
                notes[0].dfnsId = credential.credentialUuid ?? credential.credentialId
                return (actions, notes)
            }
            let action = PlannedAction(
                id: "deactivate:\(address):credential:\(uuid)", type: .deactivate, kind: address.kind,
                name: address.name, dfnsId: uuid, reason: .exclusiveKey,
                summary: "deactivate the key \(credential.name.map { "\"\($0)\" " } ?? "")(\(uuid)) of \(address): "
                    + "dfnsops did not register it, and key.exclusive is set")
            return ([action], [])
        case .noStoreEntry:
            return note(.storeMismatch)
        case .rotation(let rotation):
            return rotate(address, dfnsId: change.dfnsId, rotation, note: note)
        }
    }

    private static func create(_ address: ObjectAddress, _ absence: Change.Absence) -> PlannedAction {
        var action = PlannedAction(
            id: "create:\(address)", type: .create, kind: address.kind, name: address.name, reason: .notFound,
            changes: absence.fields, summary: "create \(address) \(absence.description)")
        switch absence.interrupted {
        case nil:
            break
        case .finish(let id)?:
            action.dfnsId = id
            action.summary =
                "finish creating \(address) (\(id)), which an interrupted apply created: its \(absence.secretNoun) "
                + "is staged in the store; promote it and complete its settings"
        case .replace(let ids)?:
            action.dfnsId = ids.first
            action.summary =
                "replace \(ids.joined(separator: ", ")), created by an interrupted apply whose \(absence.secretNoun) "
                + "never reached the store (Dfns shows it only once, so nobody can use "
                + "\(ids.count == 1 ? "it" : "them")): delete and create \(address) again"
        }
        return action
    }

    private static func actions(
        _ address: ObjectAddress, dfnsId: String?, _ differences: Change.Differences
    ) -> [PlannedAction] {
        func action(
            _ type: ActionType, _ reason: ActionReason, _ changes: [FieldChange], _ summary: String
        ) -> PlannedAction {
            PlannedAction(
                id: "\(type.rawValue):\(address)", type: type, kind: address.kind, name: address.name,
                dfnsId: dfnsId, reason: reason, changes: changes, summary: summary)
        }
        var actions: [PlannedAction] = []
        if let adoption = differences.adoption {
            actions.append(action(.adopt, .adoptionRequested, [adoption], "adopt \(dfnsId ?? "?") as \(address)"))
        }
        if !differences.fields.isEmpty {
            actions.append(action(.update, .fieldsChanged, differences.fields, "update \(address)"))
        }
        if let active = differences.declaredActive {
            let type: ActionType = active ? .activate : .deactivate
            actions.append(
                action(
                    type, active ? .declaredActive : .declaredInactive,
                    [FieldChange(field: "active", before: .bool(!active), after: .bool(active))],
                    "\(type.rawValue) \(address)"))
        }
        return actions
    }

    private static func rotate(
        _ address: ObjectAddress, dfnsId: String?, _ rotation: Change.RotationState,
        note: (PlanNote.Finding, RotationStatus?) -> ([PlannedAction], [PlanNote])
    ) -> ([PlannedAction], [PlanNote]) {
        let status = rotation.status
        func action(_ step: String, _ reason: ActionReason, changes: [FieldChange] = [], _ summary: String)
            -> PlannedAction
        {
            PlannedAction(
                id: "rotate:\(address):\(step)", type: .rotate, kind: address.kind, name: address.name, dfnsId: dfnsId,
                reason: reason, changes: changes, rotation: status, summary: summary)
        }
        switch status.phase {
        case .steady:
            return ([], [])
        case .done:
            guard status.nextStepAt == nil else { return ([], []) }
            return (
                [
                    action(
                        "finish", .rotationInProgress,
                        "drop the previous version of \(address) from the store (retain elapsed)")
                ], []
            )
        case .overlap:
            return note(.rotationWaiting, status)
        case .inconsistent:
            return note(.storeMismatch, status)
        case .due, .staged, .registered, .retire:
            let reason: ActionReason =
                switch status.trigger {
                case .maxAge?: .rotationMaxAge
                case .triggerChanged?: .rotationTriggerChanged
                case .manual?: .rotationManual
                case nil: .rotationInProgress
                }
            let changes =
                reason == .rotationTriggerChanged
                ? [
                    FieldChange(
                        field: "rotation.trigger", before: rotation.recordedTrigger.map(PlanValue.string),
                        after: rotation.declaredTrigger.map(PlanValue.string))
                ] : []
            return (
                [
                    action(
                        status.phase.rawValue, reason, changes: changes,
                        "rotate \(address) (\(rotation.strategy)): \(status.nextStep ?? status.phase.rawValue)")
                ], []
            )
        }
    }
}
