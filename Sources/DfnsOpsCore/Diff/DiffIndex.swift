import DfnsAPI

/// The lookups the diffs make for every declared and every live object, built once per plan.
///
/// Matching by scanning (each declared object filtering every live one, each live object searching every
/// manifest) costs O(N·M) and made a 10,000-object organisation take half a minute; with these dictionaries a
/// plan is O(N + M). Every lookup returns what the scan it replaces returned, in the same order.
struct DiffIndex: Sendable {
    private var manifestsByMarker: [OwnershipMarker: Manifest] = [:]
    private var manifestsByAdoptedId: [String: Manifest] = [:]
    private var principalsByMarker: [ManifestKind: [OwnershipMarker: [LivePrincipal]]] = [:]
    private var principalsById: [ManifestKind: [String: LivePrincipal]] = [:]
    private var principalsInOrder: [ManifestKind: [LivePrincipal]] = [:]
    private var webhooksByMarker: [OwnershipMarker: [Webhook]] = [:]
    private var webhooksById: [String: Webhook] = [:]

    init(desired: DesiredState, live: LiveState) {
        for manifest in desired.manifests {
            let marker = OwnershipMarker(kind: manifest.kind, name: manifest.name)
            if manifestsByMarker[marker] == nil { manifestsByMarker[marker] = manifest }
            if let adopted = manifest.adoptedID, manifestsByAdoptedId[adopted] == nil {
                manifestsByAdoptedId[adopted] = manifest
            }
        }
        index(live.serviceAccounts.map(LivePrincipal.init), as: .serviceAccount)
        index(live.personalAccessTokens.map(LivePrincipal.init), as: .personalAccessToken)
        for webhook in live.webhooks {
            if webhooksById[webhook.id] == nil { webhooksById[webhook.id] = webhook }
            if let marker = OwnershipMarker.splitWebhookDescription(webhook.description ?? "").marker {
                webhooksByMarker[marker, default: []].append(webhook)
            }
        }
    }

    private mutating func index(_ principals: [LivePrincipal], as kind: ManifestKind) {
        var byMarker: [OwnershipMarker: [LivePrincipal]] = [:]
        var byId: [String: LivePrincipal] = [:]
        for principal in principals {
            if byId[principal.id] == nil { byId[principal.id] = principal }
            if let marker = principal.marker { byMarker[marker, default: []].append(principal) }
        }
        principalsByMarker[kind] = byMarker
        principalsInOrder[kind] = principals
        principalsById[kind] = byId
    }

    /// The manifest that owns `marker` (``DesiredState/manifest(for:)``).
    func manifest(for marker: OwnershipMarker) -> Manifest? { manifestsByMarker[marker] }

    /// The manifest that adopts `id` (``DesiredState/manifest(adopting:)``).
    func manifest(adopting id: String) -> Manifest? { manifestsByAdoptedId[id] }

    /// The live service accounts or PATs (by `kind`) that carry `marker`, in live-state order.
    func principals(_ kind: ManifestKind, carrying marker: OwnershipMarker) -> [LivePrincipal] {
        principalsByMarker[kind]?[marker] ?? []
    }

    /// Every live service account or PAT (by `kind`), in live-state order.
    func principals(_ kind: ManifestKind) -> [LivePrincipal] { principalsInOrder[kind] ?? [] }

    /// The live service account or PAT (by `kind`) with this id.
    func principal(_ kind: ManifestKind, id: String) -> LivePrincipal? { principalsById[kind]?[id] }

    /// The live webhooks whose description carries `marker`, in live-state order.
    func webhooks(carrying marker: OwnershipMarker) -> [Webhook] { webhooksByMarker[marker] ?? [] }

    /// The live webhook with this id (``LiveState/webhook(id:)``).
    func webhook(id: String) -> Webhook? { webhooksById[id] }
}
