import DfnsAPI
import Foundation
import SecretStores

/// Diffs one declared service account or PAT against the live principals of its kind.
struct PrincipalDiff: Sendable {
    var context: Differ

    func diff(_ declared: DeclaredPrincipal) -> [Change] {
        let kind = declared.kind
        let location = declared.storeLocation
        let entry = location.flatMap { context.store[$0] }
        func change(_ fact: Change.Fact, dfnsId: String? = nil) -> Change {
            Change(kind: kind, name: declared.name, dfnsId: dfnsId, management: declared.management, fact: fact)
        }

        var matched = context.index.principals(kind, carrying: declared.marker)
        if let adopt = declared.adopt {
            guard let adopted = context.index.principal(kind, id: adopt) else {
                return [change(.adoptedObjectMissing, dfnsId: adopt)]
            }
            matched.removeAll { $0.id == adopt }
            matched.insert(adopted, at: 0)
        }
        let unknownPermissions = declared.permissions.filter { context.permissions.resolve($0) == nil }.map {
            change(.unknownPermission($0))
        }

        let interrupted =
            declared.management == .managed && declared.adopt == nil
            ? InterruptedCreation.find(
                entry: entry,
                candidates: matched.map { .init(id: $0.id, keyFingerprint: $0.tokenCredential?.fingerprint) })
            : nil
        guard !matched.isEmpty, interrupted == nil else {
            return unknownPermissions + [change(.absent(absence(declared, location: location, interrupted)))]
        }

        let currentId = entry?.current?.metadata.principalId
        let current = matched.first { $0.id == currentId } ?? matched[0]
        var changes = unknownPermissions
        if declared.management == .managed,
            let unproven = context.unproven(
                current: current.id, adopted: declared.adopt, matched: matched.map { ($0.id, $0.name) },
                marker: declared.marker, entry: entry, location: location)
        {
            return changes + unproven.map { change($0.fact, dfnsId: $0.id) }
        }
        let differences = differences(declared, current: current)
        if !differences.isEmpty { changes.append(change(.differs(differences), dfnsId: current.id)) }
        guard declared.management == .managed else { return changes }
        let candidates =
            declared.key.rotation.strategy == .replace
            ? matched.map { InterruptedCreation.Candidate(id: $0.id, keyFingerprint: $0.tokenCredential?.fingerprint) }
            : []
        let orphans = InterruptedCreation.orphans(
            staged: entry?.pending,
            referenced: Set(entry?.stagedVersions.compactMap(\.version.metadata.principalId) ?? []),
            candidates: candidates)
        for (id, fact) in context.foreignMarkers(
            matched.map { ($0.id, $0.name) }, current: current.id, marker: declared.marker, entry: entry,
            orphans: orphans)
        {
            changes.append(change(fact, dfnsId: id))
        }
        guard current.isActive, declared.active else { return changes }
        guard let entry else {
            return changes + [change(.noStoreEntry(location), dfnsId: current.id)]
        }
        let facts =
            declared.key.rotation.strategy == .replace
            ? RotationFactsBuilder.byObject(
                matched.map { .init(id: $0.id, isActive: $0.isActive, created: $0.created ?? .distantPast) },
                entry: entry)
            : RotationFactsBuilder.rekey(
                credentials: context.credentials(of: current), entry: entry, shown: current.tokenCredential)
        if let rotation = context.rotation(
            of: facts, declared.key.rotation, address: declared.address, entry: entry, candidates: candidates)
        {
            changes.append(change(.rotation(rotation), dfnsId: current.id))
        }
        return changes
            + unmanagedCredentials(declared, of: current, entry: entry).map { change($0, dfnsId: current.id) }
    }

    /// Active Key credentials of the principal that no store version records, when dfnsops could list them.
    private func unmanagedCredentials(_ declared: DeclaredPrincipal, of principal: LivePrincipal, entry: EntryMetadata)
        -> [Change.Fact]
    {
        guard let listed = context.live.credentials[principal.id] else { return [] }
        return listed.filter { $0.kind == "Key" && $0.isActive }.map(LivePrincipal.credential).filter {
            !RotationFactsBuilder.isRecorded($0, in: entry)
        }.map {
            .unmanagedCredential(
                Change.ForeignCredential(
                    credentialUuid: $0.credentialUuid, credentialId: $0.credentialId, name: $0.name,
                    fingerprint: $0.fingerprint, exclusive: declared.key.exclusive))
        }
    }

    private func absence(
        _ declared: DeclaredPrincipal, location: StoreLocation?, _ interrupted: InterruptedCreation?
    ) -> Change.Absence {
        var fields = [FieldChange(field: "name", before: nil, after: .string(declared.dfnsName))]
        if !declared.permissions.isEmpty {
            fields.append(FieldChange(field: "permissions", before: nil, after: .list(declared.permissions.sorted())))
        }
        fields.append(FieldChange(field: "key.algorithm", before: nil, after: .string(declared.key.algorithm.rawValue)))
        if let location {
            fields.append(FieldChange(field: "store", before: nil, after: .string(location.description)))
        }
        if !declared.active { fields.append(FieldChange(field: "active", before: nil, after: .bool(false))) }
        return Change.Absence(
            fields: fields,
            description: "(\"\(declared.dfnsName)\") with a new \(declared.key.algorithm.rawValue) key",
            secretNoun: "token", interrupted: interrupted)
    }

    private func differences(_ declared: DeclaredPrincipal, current: LivePrincipal) -> Change.Differences {
        var differences = Change.Differences(fields: [])
        if declared.adopt == current.id, current.marker != declared.marker {
            differences.adoption = FieldChange(
                field: "externalId", before: current.externalId.map(PlanValue.string),
                after: .string(declared.marker.externalId))
        }
        if declared.dfnsName != current.name {
            differences.fields.append(
                FieldChange(field: "name", before: .string(current.name), after: .string(declared.dfnsName)))
        }
        let wanted = Set(declared.permissions.compactMap { context.permissions.resolve($0)?.id })
        let have = Set(current.permissions.keys)
        if wanted != have {
            let names = { (ids: Set<String>) in ids.map { context.permissions.name(of: $0) }.sorted() }
            differences.fields.append(
                FieldChange(field: "permissions", before: .list(names(have)), after: .list(names(wanted))))
        }
        if declared.active != current.isActive { differences.declaredActive = declared.active }
        return differences
    }
}
