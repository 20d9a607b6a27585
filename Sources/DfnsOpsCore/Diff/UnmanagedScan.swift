import DfnsAPI

/// Finds live objects that no manifest owns or adopts, with what the prune policy does to each.
struct UnmanagedScan: Sendable {
    var context: Differ

    /// One live object seen by the scan.
    private struct Candidate {
        var kind: ManifestKind
        var id: String
        var label: String
        var marker: OwnershipMarker?
        var isActive: Bool
    }

    func scan() -> [Change] {
        var candidates: [Candidate] = []
        for principal in context.index.principals(.serviceAccount) {
            candidates.append(
                Candidate(
                    kind: .serviceAccount, id: principal.id, label: principal.name, marker: principal.marker,
                    isActive: principal.isActive))
        }
        for principal in context.index.principals(.personalAccessToken) {
            candidates.append(
                Candidate(
                    kind: .personalAccessToken, id: principal.id, label: principal.name, marker: principal.marker,
                    isActive: principal.isActive))
        }
        for webhook in context.live.webhooks {
            candidates.append(
                Candidate(
                    kind: .webhook, id: webhook.id, label: webhook.url,
                    marker: OwnershipMarker.splitWebhookDescription(webhook.description ?? "").marker,
                    isActive: webhook.status == .enabled))
        }

        var changes: [Change] = []
        let prune = context.desired.settings.prune
        for candidate in candidates {
            if context.index.manifest(adopting: candidate.id) != nil { continue }
            if let marker = candidate.marker, context.index.manifest(for: marker) != nil { continue }
            let verb: ActionType? =
                switch prune.mode {
                case .none: nil
                case .deactivate: candidate.isActive ? .deactivate : nil
                case .delete: .delete
                }
            // A marker names a manifest, but anyone can write one: only a store record proves dfnsops made it.
            if let marker = candidate.marker, !context.recordedIds.contains(candidate.id) {
                changes.append(
                    Change(
                        kind: candidate.kind, name: nil, dfnsId: candidate.id,
                        fact: .foreignMarker(
                            Change.ForeignMarker(marker: marker, label: candidate.label, declared: false))))
                continue
            }
            let prunes = candidate.marker != nil && prune.kinds.contains(candidate.kind)
            changes.append(
                Change(
                    kind: candidate.kind, name: nil, dfnsId: candidate.id,
                    fact: .unmanaged(
                        Change.Unmanaged(
                            label: candidate.label, marker: candidate.marker, prune: prunes ? verb : nil,
                            pruneMode: prune.mode.rawValue))))
        }
        return changes
    }
}
