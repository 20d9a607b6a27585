/// What retiring a rotation's old generation does: the words of a plan's next step and the call apply makes.
public enum RetireVerb: String, Sendable, Hashable, Codable, CaseIterable {
    /// Service-account and PAT credentials (rekey) and replaced principals: the old one is deactivated.
    case deactivate
    /// Webhook twins: the old webhook is deleted (a webhook's secret cannot be deactivated).
    case delete

    /// The retire verb of an object's kind. Only service accounts, PATs and webhooks rotate; the other kinds
    /// never reach a retire step, and are given `deactivate`, the verb of every non-webhook object.
    public init(kind: ManifestKind) {
        switch kind {
        case .webhook: self = .delete
        case .serviceAccount, .personalAccessToken: self = .deactivate
        case .passkeyPolicy, .secretStore, .settings: self = .deactivate
        }
    }
}
