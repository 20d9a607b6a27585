import DfnsAPI
import Foundation
import SecretStores

/// Diffs one declared webhook against the live webhooks; a rotating webhook has a twin that shares its marker.
struct WebhookDiff: Sendable {
    var context: DiffContext

    func diff(_ declared: Declared<WebhookSpec>) -> DiffOutcome {
        var outcome = DiffOutcome()
        let spec = declared.spec
        let marker = declared.marker
        let address = declared.reference
        let location = context.desired.storeLocation(kind: .webhook, name: declared.name, reference: spec.secret.store)
        let entry = location.flatMap { context.store[$0] }

        var matched = context.index.webhooks(carrying: marker)
        if let adopt = spec.adopt {
            guard let adopted = context.index.webhook(id: adopt) else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .missing, kind: .webhook, name: declared.name, dfnsId: adopt,
                        message: "spec.adopt names \(adopt), which does not exist in the organisation; "
                            + "correct the id, or remove spec.adopt to have dfnsops create it"))
                return outcome
            }
            matched.removeAll { $0.id == adopt }
            matched.insert(adopted, at: 0)
        }

        let interrupted =
            spec.management == .managed && spec.adopt == nil
            ? InterruptedCreation.find(
                entry: entry, candidates: matched.map { .init(id: $0.id, created: $0.creationDate) })
            : nil
        guard !matched.isEmpty, interrupted == nil else {
            if spec.management == .managed {
                var changes = [
                    FieldChange(field: "url", before: nil, after: .string(spec.url)),
                    FieldChange(field: "events", before: nil, after: .list(spec.events.sorted())),
                    FieldChange(field: "status", before: nil, after: .string(spec.status.rawValue)),
                ]
                if let description = spec.description {
                    changes.append(FieldChange(field: "description", before: nil, after: .string(description)))
                }
                if let location {
                    changes.append(
                        FieldChange(field: "secret.store", before: nil, after: .string(location.description)))
                }
                let create = PlannedAction(
                    id: "create:\(address)", type: .create, kind: .webhook, name: declared.name,
                    reason: .notFound, changes: changes, summary: "create \(address) for \(spec.url)")
                outcome.actions.append(interrupted?.action(completing: create, what: "secret") ?? create)
            } else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .heldBack, kind: .webhook, name: declared.name,
                        message: "declared but absent; management is \(spec.management.rawValue), so it is not created")
                )
            }
            return outcome
        }

        let currentId = entry?.current?.metadata.principalId
        let current = matched.first { $0.id == currentId } ?? matched[0]
        let split = OwnershipMarker.splitWebhookDescription(current.description ?? "")
        var actions: [PlannedAction] = []
        if spec.adopt == current.id, split.marker != marker {
            actions.append(
                PlannedAction(
                    id: "adopt:\(address)", type: .adopt, kind: .webhook, name: declared.name, dfnsId: current.id,
                    reason: .adoptionRequested,
                    changes: [
                        FieldChange(
                            field: "description", before: .string(current.description ?? ""),
                            after: .string(marker.webhookDescription(spec.description ?? split.description)))
                    ], summary: "adopt \(current.id) as \(address)"))
        }
        var changes: [FieldChange] = []
        if current.url != spec.url {
            changes.append(FieldChange(field: "url", before: .string(current.url), after: .string(spec.url)))
        }
        if Set(current.events) != Set(spec.events) {
            changes.append(
                FieldChange(field: "events", before: .list(current.events.sorted()), after: .list(spec.events.sorted()))
            )
        }
        if current.status.rawValue != spec.status.rawValue {
            changes.append(
                FieldChange(
                    field: "status", before: .string(current.status.rawValue), after: .string(spec.status.rawValue)))
        }
        if let description = spec.description, description != split.description, split.marker == marker {
            changes.append(
                FieldChange(field: "description", before: .string(split.description), after: .string(description)))
        }
        if !changes.isEmpty {
            actions.append(
                PlannedAction(
                    id: "update:\(address)", type: .update, kind: .webhook, name: declared.name, dfnsId: current.id,
                    reason: .fieldsChanged, changes: changes, summary: "update \(address)"))
        }
        guard spec.management == .managed else {
            if !actions.isEmpty {
                let fields = actions.flatMap(\.changes).map(\.field).joined(separator: ", ")
                outcome.drift.append(
                    DriftEntry(
                        finding: .heldBack, kind: .webhook, name: declared.name, dfnsId: current.id,
                        message: "differs from its manifest (\(fields)); management is \(spec.management.rawValue)"))
            }
            return outcome
        }
        outcome.actions = actions

        guard let entry else {
            outcome.drift.append(
                DriftEntry(
                    finding: .storeMismatch, kind: .webhook, name: declared.name, dfnsId: current.id,
                    message: location.map {
                        "no store entry at \($0): dfnsops holds no secret for it, so it cannot rotate"
                    }
                        ?? "no secret store is declared for it"))
            return outcome
        }
        let status = RotationPhaseResolver.status(
            of: RotationFactsBuilder.byObject(
                matched.map { .init(id: $0.id, isActive: true, created: $0.creationDate ?? .distantPast) }, entry: entry
            ),
            context.rotationInputs(
                spec.secret.rotation, address: address, recordedTrigger: entry.current?.metadata.trigger))
        outcome.merge(
            context.rotationOutcome(
                kind: .webhook, name: declared.name, dfnsId: current.id, status: status, strategy: "twin",
                recordedTrigger: entry.current?.metadata.trigger, declaredTrigger: spec.secret.rotation.trigger))
        return outcome
    }
}
