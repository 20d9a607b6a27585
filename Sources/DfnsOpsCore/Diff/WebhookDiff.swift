import DfnsAPI
import Foundation
import SecretStores

/// Diffs one declared webhook against the live webhooks; a rotating webhook has a twin that shares its marker.
struct WebhookDiff: Sendable {
    var context: Differ

    func diff(_ declared: Declared<WebhookSpec>) -> [Change] {
        let spec = declared.spec
        let marker = declared.marker
        let location = declared.storeLocation
        let entry = location.flatMap { context.store[$0] }
        func change(_ fact: Change.Fact, dfnsId: String? = nil) -> Change {
            Change(kind: .webhook, name: declared.name, dfnsId: dfnsId, management: spec.management, fact: fact)
        }

        var matched = context.index.webhooks(carrying: marker)
        if let adopt = spec.adopt {
            guard let adopted = context.index.webhook(id: adopt) else {
                return [change(.adoptedObjectMissing, dfnsId: adopt)]
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
            return [change(.absent(absence(spec, location: location, interrupted)))]
        }

        let currentId = entry?.current?.metadata.principalId
        let current = matched.first { $0.id == currentId } ?? matched[0]
        var changes: [Change] = []
        if spec.management == .managed,
            let unproven = context.unproven(
                current: current.id, adopted: spec.adopt, matched: matched.map { ($0.id, $0.url) }, marker: marker,
                entry: entry, location: location)
        {
            return unproven.map { change($0.fact, dfnsId: $0.id) }
        }
        let differences = differences(declared, current: current)
        if !differences.isEmpty { changes.append(change(.differs(differences), dfnsId: current.id)) }
        guard spec.management == .managed else { return changes }
        let candidates = matched.map { InterruptedCreation.Candidate(id: $0.id, created: $0.creationDate) }
        let orphans = InterruptedCreation.orphans(
            staged: entry?.pending,
            referenced: Set(entry?.stagedVersions.compactMap(\.version.metadata.principalId) ?? []),
            candidates: candidates)
        for (id, fact) in context.foreignMarkers(
            matched.map { ($0.id, $0.url) }, current: current.id, marker: marker, entry: entry, orphans: orphans)
        {
            changes.append(change(fact, dfnsId: id))
        }
        guard let entry else {
            return changes + [change(.noStoreEntry(location), dfnsId: current.id)]
        }
        let facts = RotationFactsBuilder.byObject(
            matched.map { .init(id: $0.id, isActive: true, created: $0.creationDate ?? .distantPast) }, entry: entry)
        if let rotation = context.rotation(
            of: facts, spec.secret.rotation, address: declared.address, entry: entry, strategy: "twin",
            candidates: candidates)
        {
            changes.append(change(.rotation(rotation), dfnsId: current.id))
        }
        return changes
    }

    private func absence(
        _ spec: WebhookSpec, location: StoreLocation?, _ interrupted: InterruptedCreation?
    ) -> Change.Absence {
        var fields = [
            FieldChange(field: "url", before: nil, after: .string(spec.url)),
            FieldChange(field: "events", before: nil, after: .list(spec.events.sorted())),
            FieldChange(field: "status", before: nil, after: .string(spec.status.rawValue)),
        ]
        if let description = spec.description {
            fields.append(FieldChange(field: "description", before: nil, after: .string(description)))
        }
        if let location {
            fields.append(FieldChange(field: "secret.store", before: nil, after: .string(location.description)))
        }
        return Change.Absence(
            fields: fields, description: "for \(spec.url)", secretNoun: "secret", interrupted: interrupted)
    }

    private func differences(_ declared: Declared<WebhookSpec>, current: Webhook) -> Change.Differences {
        let spec = declared.spec
        let split = OwnershipMarker.splitWebhookDescription(current.description ?? "")
        var differences = Change.Differences(fields: [])
        if spec.adopt == current.id, split.marker != declared.marker {
            differences.adoption = FieldChange(
                field: "description", before: .string(current.description ?? ""),
                after: .string(declared.marker.webhookDescription(spec.description ?? split.description)))
        }
        if current.url != spec.url {
            differences.fields.append(FieldChange(field: "url", before: .string(current.url), after: .string(spec.url)))
        }
        if Set(current.events) != Set(spec.events) {
            differences.fields.append(
                FieldChange(field: "events", before: .list(current.events.sorted()), after: .list(spec.events.sorted()))
            )
        }
        if current.status.rawValue != spec.status.rawValue {
            differences.fields.append(
                FieldChange(
                    field: "status", before: .string(current.status.rawValue), after: .string(spec.status.rawValue)))
        }
        if let description = spec.description, description != split.description, split.marker == declared.marker {
            differences.fields.append(
                FieldChange(field: "description", before: .string(split.description), after: .string(description)))
        }
        return differences
    }
}
