/// One change to Dfns that a planned action may make: the verb, the kind of object, and which object. A plan lists
/// every effect of every action, and apply sends no mutating request that none of the running action's effects
/// covers (see `EffectGate`).
public struct Effect: Sendable, Hashable, Codable {
    /// What the request does.
    public enum Verb: String, Sendable, Hashable, Codable, CaseIterable {
        case create
        case update
        case activate
        case deactivate
        case delete
        /// Assigns a permission to a principal.
        case assign
        /// Revokes a permission from a principal.
        case revoke
        /// Sends a test event to a webhook's receiver (changes nothing in Dfns).
        case ping

        /// True for deactivations and deletions, which the plan's summary counts.
        public var isRemoval: Bool { self == .deactivate || self == .delete }
    }

    /// The kind of Dfns object acted on.
    public enum Target: String, Sendable, Hashable, Codable, CaseIterable {
        case serviceAccount = "ServiceAccount"
        case personalAccessToken = "PersonalAccessToken"
        case webhook = "Webhook"
        /// A Key credential of a service account or PAT.
        case credential = "Credential"
        /// A permission assignment: `id` is the permission's id, `subject` the principal's.
        case permission = "Permission"

        /// The target for a manifest kind that has a live object of its own.
        init?(kind: ManifestKind) {
            switch kind {
            case .serviceAccount: self = .serviceAccount
            case .personalAccessToken: self = .personalAccessToken
            case .webhook: self = .webhook
            case .passkeyPolicy, .secretStore, .settings: return nil
            }
        }
    }

    public var verb: Verb
    public var target: Target
    /// The Dfns id of the object (a credential's uuid, a permission's id); nil for the object this action creates.
    public var id: String?
    /// A credential's name or a permission's name, as people recognise it.
    public var name: String?
    /// For permission assignments: the principal's id; nil for the principal this action creates.
    public var subject: String?
    /// A second verb Dfns may leave as the only way (a service account refused the credential endpoints deletes a
    /// credential it cannot deactivate).
    public var orElse: Verb?
    /// Set when the effect happens only if something goes wrong: `if its token cannot be stored`.
    public var onlyIf: String?

    public init(
        _ verb: Verb, _ target: Target, id: String? = nil, name: String? = nil, subject: String? = nil,
        orElse: Verb? = nil, onlyIf: String? = nil
    ) {
        self.verb = verb
        self.target = target
        self.id = id
        self.name = name
        self.subject = subject
        self.orElse = orElse
        self.onlyIf = onlyIf
    }

    /// Counted as a deactivation in the plan's summary: a removal of an object that exists when the plan is made.
    /// A clean-up of what the action itself creates, should its secret not reach the store, is not.
    public var removesExisting: Bool { (verb.isRemoval || orElse?.isRemoval == true) && id != nil }

    /// `deactivate Credential "dfnsops:ServiceAccount/ci#1" (cr-…), or delete it where Dfns refuses`.
    public var description: String {
        var object = target.rawValue
        if let name { object += " \"\(name)\"" }
        object += " (\(id ?? "new"))"
        var text: String
        switch verb {
        case .assign: text = "assign \(object) to \(subject ?? "the new principal")"
        case .revoke: text = "revoke \(object) from \(subject ?? "the new principal")"
        default: text = "\(verb.rawValue) \(object)"
        }
        if let orElse { text += ", or \(orElse.rawValue) it where Dfns refuses that" }
        if let onlyIf { text += " — only \(onlyIf)" }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case verb, target, id, name, subject, orElse, onlyIf
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verb, forKey: .verb)
        try container.encode(target, forKey: .target)
        // `null` says "new" in the JSON, so readers need not know the key's absence means it.
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encodeIfPresent(orElse, forKey: .orElse)
        try container.encodeIfPresent(onlyIf, forKey: .onlyIf)
    }
}
