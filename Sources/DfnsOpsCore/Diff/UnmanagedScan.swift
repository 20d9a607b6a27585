/// Finds live objects that no manifest owns or adopts, and proposes pruning where the policy asks for it.
struct UnmanagedScan: Sendable {
    var context: DiffContext

    /// One live object seen by the scan.
    private struct Candidate {
        var kind: ManifestKind
        var id: String
        var label: String
        var marker: OwnershipMarker?
        var isActive: Bool
    }

    func scan() -> DiffOutcome {
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
                    marker: OwnershipMarker.splitWebhookDescription(webhook.description ?? "").marker, isActive: true))
        }

        var outcome = DiffOutcome()
        let prune = context.desired.settings.prune
        for candidate in candidates {
            if context.index.manifest(adopting: candidate.id) != nil { continue }
            if let marker = candidate.marker, context.index.manifest(for: marker) != nil { continue }
            guard let marker = candidate.marker else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .unmanaged, kind: candidate.kind, dfnsId: candidate.id,
                        message: "\(candidate.label): no manifest owns or adopts it"))
                continue
            }
            let type: ActionType? =
                switch prune.mode {
                case .none: nil
                case .deactivate: candidate.isActive ? .deactivate : nil
                case .delete: .delete
                }
            if let type, prune.kinds.contains(candidate.kind) {
                outcome.actions.append(
                    PlannedAction(
                        id: "\(type.rawValue):\(marker.kind.rawValue)/\(marker.name)", type: type, kind: candidate.kind,
                        name: marker.name, dfnsId: candidate.id, reason: .pruned,
                        summary:
                            "\(type.rawValue) \(candidate.id): its manifest \(marker) was removed (prune: \(prune.mode.rawValue))"
                    ))
            } else {
                outcome.drift.append(
                    DriftEntry(
                        finding: .unmanaged, kind: candidate.kind, dfnsId: candidate.id,
                        message:
                            "\(candidate.label): carries \(marker) but its manifest was removed; left alone (no prune policy)"
                    ))
            }
        }
        return outcome
    }
}
