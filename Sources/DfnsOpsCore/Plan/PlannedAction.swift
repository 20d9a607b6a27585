/// One step of a plan.
public struct PlannedAction: Sendable, Hashable, Codable, Identifiable {
    /// A stable id: `<type>:<Kind>/<name>`, with the rotation step appended for rotations.
    public var id: String
    public var type: ActionType
    /// The manifest kind of the object.
    public var kind: ManifestKind
    /// The manifest name of the object.
    public var name: String
    /// The Dfns id of the live object, when there is one.
    public var dfnsId: String?
    public var reason: ActionReason
    /// Ids of actions that must finish first.
    public var dependsOn: [String]
    public var changes: [FieldChange]
    /// Every change to Dfns the action may make. Apply sends no mutating request outside them.
    public var effects: [Effect]
    public var guards: [GuardCheck]
    /// For rotations: the phase and what comes next.
    public var rotation: RotationStatus?
    /// A one-line summary of the action for people.
    public var summary: String

    public init(
        id: String, type: ActionType, kind: ManifestKind, name: String, dfnsId: String? = nil, reason: ActionReason,
        dependsOn: [String] = [], changes: [FieldChange] = [], effects: [Effect] = [], guards: [GuardCheck] = [],
        rotation: RotationStatus? = nil, summary: String
    ) {
        self.id = id
        self.type = type
        self.kind = kind
        self.name = name
        self.dfnsId = dfnsId
        self.reason = reason
        self.dependsOn = dependsOn
        self.changes = changes
        self.effects = effects
        self.guards = guards
        self.rotation = rotation
        self.summary = summary
    }

    /// `<Kind>/<name>`, as manifests and commands refer to objects.
    public var address: ObjectAddress { ObjectAddress(kind: kind, name: name) }

    /// True when a guard blocked the action; `apply` will not run it.
    public var isBlocked: Bool { guards.contains { !$0.passed } }
}
