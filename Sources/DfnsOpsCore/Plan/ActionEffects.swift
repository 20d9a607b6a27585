import DfnsAPI

/// Lists what each planned action may change in Dfns, from the same facts apply acts on: the diff's change, the
/// declared manifest and the organisation's permissions.
struct ActionEffects: Sendable {
    var desired: DesiredState
    var permissions: PermissionResolver

    /// The effects of `action`, planned from `change`.
    func effects(of action: PlannedAction, _ change: Change) -> [Effect] {
        guard let target = Effect.Target(kind: action.kind) else { return [] }
        if action.reason == .pruned {
            return [Effect(Effect.Verb(action.type), target, id: action.dfnsId)]
        }
        let declared = desired.manifest(at: action.address)
        switch (action.type, change.fact) {
        case (.deactivate, .unmanagedCredential(let credential)):
            return [
                Effect(
                    .deactivate, .credential, id: action.dfnsId, name: credential.name,
                    orElse: action.kind == .serviceAccount ? .delete : nil)
            ]
        case (.create, .absent(let absence)):
            return creation(target, declared, absence.interrupted)
        case (.update, _):
            var effects: [Effect] = []
            if target == .webhook || action.changes.contains(where: { $0.field == "name" }) {
                effects.append(Effect(.update, target, id: action.dfnsId))
            }
            if let field = action.changes.first(where: { $0.field == "permissions" }) {
                let before = Set(field.before?.strings ?? [])
                let after = Set(field.after?.strings ?? [])
                effects += grants(after.subtracting(before), .assign, to: action.dfnsId)
                effects += grants(before.subtracting(after), .revoke, to: action.dfnsId)
            }
            return effects
        case (.adopt, _):
            return [Effect(.update, target, id: action.dfnsId)]
        case (.activate, _), (.deactivate, _), (.delete, _):
            let verb: Effect.Verb = target == .webhook ? .delete : .init(action.type)
            return [Effect(verb, target, id: action.dfnsId)]
        case (.rotate, .rotation(let rotation)):
            guard case .keyedPrincipal(let principal)? = declared else {
                return rotation.strategy == "twin" ? twinRotation(rotation, declared) : []
            }
            return rotation.strategy == "replace"
                ? replaceRotation(rotation, principal, target) : rekeyRotation(rotation, principal)
        default:
            return []
        }
    }

    /// Permission assignments or revocations, by permission name.
    private func grants(_ names: Set<String>, _ verb: Effect.Verb, to subject: String?) -> [Effect] {
        names.sorted().map { name in
            Effect(verb, .permission, id: permissions.resolve(name)?.id, name: name, subject: subject)
        }
    }

    private func creation(_ target: Effect.Target, _ declared: Manifest?, _ interrupted: InterruptedCreation?)
        -> [Effect]
    {
        let principal: DeclaredPrincipal? =
            if case .keyedPrincipal(let principal)? = declared { principal } else { nil }
        let noun = target == .webhook ? "secret" : "token"
        let settings = { (id: String?) -> [Effect] in
            guard let principal else { return [] }
            return self.grants(Set(principal.permissions), .assign, to: id)
                + (principal.active ? [] : [Effect(.deactivate, target, id: id)])
        }
        switch interrupted {
        case .finish(let id)?:
            return settings(id)
        case .replace(let orphans)?:
            return orphans.map { Effect(.delete, target, id: $0) } + fresh(target, noun) + settings(nil)
        case nil:
            return fresh(target, noun) + settings(nil)
        }
    }

    /// Creating a new object, which is deleted again when its once-only secret cannot be stored.
    private func fresh(_ target: Effect.Target, _ noun: String) -> [Effect] {
        [
            Effect(.create, target),
            Effect(.delete, target, onlyIf: "if its \(noun) cannot be stored"),
        ]
    }

    private func steps(_ rotation: Change.RotationState, _ policy: RotationPolicy) -> Set<RotationPhase> {
        Set(policy.steps(from: rotation.status.phase))
    }

    /// The generation that is current once the planned steps before retire have run.
    private func currentAtRetire(_ rotation: Change.RotationState) -> Int? {
        rotation.status.phase == .retire ? rotation.status.currentGeneration : rotation.status.nextGeneration
    }

    private func rekeyRotation(_ rotation: Change.RotationState, _ declared: DeclaredPrincipal) -> [Effect] {
        let steps = steps(rotation, declared.key.rotation)
        var effects: [Effect] = []
        if !steps.isDisjoint(with: [.due, .staged]) {
            let next = rotation.status.nextGeneration ?? ((rotation.status.currentGeneration ?? 1) + 1)
            effects.append(
                Effect(
                    .create, .credential, name: CredentialName(marker: declared.marker, generation: next).description))
        }
        if steps.contains(.retire) {
            effects += rotation.facts.retiring(below: currentAtRetire(rotation)).map {
                Effect(
                    .deactivate, .credential, id: $0.objectId,
                    orElse: declared.kind == .serviceAccount ? .delete : nil)
            }
        }
        return effects
    }

    private func replaceRotation(
        _ rotation: Change.RotationState, _ declared: DeclaredPrincipal, _ target: Effect.Target
    ) -> [Effect] {
        let steps = steps(rotation, declared.key.rotation)
        var effects: [Effect] = []
        if steps.contains(.due), let previous = rotation.previousId, previous != rotation.currentId,
            rotation.facts.live.contains(where: { $0.objectId == previous && !$0.isActive })
        {
            // A new rotation before retain elapsed deletes the inactive previous generation first.
            effects.append(Effect(.delete, target, id: previous))
        }
        if !steps.isDisjoint(with: [.due, .staged]) {
            effects += rotation.orphanIds.map { Effect(.delete, target, id: $0) }
            effects += fresh(target, "token") + grants(Set(declared.permissions), .assign, to: nil)
        } else if steps.contains(.registered) {
            effects += grants(Set(declared.permissions), .assign, to: rotation.pendingId)
        }
        if steps.contains(.retire) {
            effects += rotation.facts.retiring(below: currentAtRetire(rotation)).map {
                Effect(.deactivate, target, id: $0.objectId)
            }
        }
        if steps.contains(.done) {
            let previous = steps.contains(.retire) ? rotation.currentId : rotation.previousId
            if let previous { effects.append(Effect(.delete, target, id: previous)) }
        }
        return effects
    }

    private func twinRotation(_ rotation: Change.RotationState, _ declared: Manifest?) -> [Effect] {
        guard case .webhook(let webhook)? = declared else { return [] }
        let steps = steps(rotation, webhook.spec.secret.rotation)
        var effects: [Effect] = []
        if !steps.isDisjoint(with: [.due, .staged]) {
            effects += rotation.orphanIds.map { Effect(.delete, .webhook, id: $0) }
            effects += fresh(.webhook, "secret")
        }
        if steps.contains(.retire) {
            let pinged = rotation.status.phase == .retire ? rotation.currentId : nil
            effects.append(Effect(.ping, .webhook, id: pinged))
            effects += rotation.facts.retiring(below: currentAtRetire(rotation)).map {
                Effect(.delete, .webhook, id: $0.objectId)
            }
        }
        return effects
    }
}

extension Effect.Verb {
    /// The effect verb of an activation, deactivation or deletion action.
    init(_ type: ActionType) {
        switch type {
        case .activate: self = .activate
        case .deactivate: self = .deactivate
        case .delete: self = .delete
        case .create: self = .create
        case .update, .adopt, .rotate, .rollback: self = .update
        }
    }
}
