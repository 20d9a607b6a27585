/// The desired state of a Dfns webhook.
public struct WebhookSpec: ManifestSpec {
    /// ``ManifestKind/webhook``.
    public var kind: ManifestKind { .webhook }

    /// The receiver; https, or http on a loopback address.
    public var url: String
    /// Event kinds to deliver (compare as a set), or `["*"]` for all.
    public var events: [String]
    /// Whether deliveries are enabled; `Enabled` by default.
    public var status: WebhookStatus
    /// The declared description; dfnsops appends its ownership marker.
    public var description: String?
    /// How the secret rotates and where it is kept.
    public var secret: WebhookSecretSpec
    /// What dfnsops may do to the webhook.
    public var management: ManagementMode
    /// Never delete it.
    public var protect: Bool
    /// The id (`wh-…`) of an existing webhook to adopt.
    public var adopt: String?

    /// Creates a spec; defaults as documented on each property.
    public init(
        url: String,
        events: [String],
        status: WebhookStatus = .enabled,
        description: String? = nil,
        secret: WebhookSecretSpec = WebhookSecretSpec(),
        management: ManagementMode = .managed,
        protect: Bool = false,
        adopt: String? = nil
    ) {
        self.url = url
        self.events = events
        self.status = status
        self.description = description
        self.secret = secret
        self.management = management
        self.protect = protect
        self.adopt = adopt
    }
}
