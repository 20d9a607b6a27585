/// Something the plan reports but does not change (listed under "Reported, not changed"; `drift` in plan JSON).
public struct PlanNote: Sendable, Hashable, Codable {
    /// What kind of finding this is.
    public enum Finding: String, Sendable, Hashable, Codable, CaseIterable {
        /// A live object no manifest owns or adopts; reported, never touched.
        case unmanaged
        /// An adopted id that no longer exists in Dfns.
        case missing
        /// The store's current key is not an active credential of its principal.
        case storeMismatch = "store_mismatch"
        /// A rotation waiting for its next step.
        case rotationWaiting = "rotation_waiting"
        /// An object under `observe` or `frozen` management that differs from its manifest.
        case heldBack = "held_back"
        /// A live object carrying a dfnsops marker that no store entry records; reported, never touched.
        case foreignMarker = "foreign_marker"
        /// A Key credential on a managed principal that dfnsops did not register; reported, never touched unless
        /// the manifest sets `key.exclusive: true`.
        case unmanagedCredential = "unmanaged_credential"
        /// A rotation held after `dfnsops rollback` until `rotation.trigger` changes or `dfnsops rotate` runs.
        case rotationHeld = "rotation_held"
    }

    public var finding: Finding
    public var kind: ManifestKind
    /// The manifest name, for declared objects.
    public var name: String?
    /// The Dfns id, for live objects.
    public var dfnsId: String?
    public var message: String
    public var rotation: RotationStatus?

    public init(
        finding: Finding, kind: ManifestKind, name: String? = nil, dfnsId: String? = nil, message: String,
        rotation: RotationStatus? = nil
    ) {
        self.finding = finding
        self.kind = kind
        self.name = name
        self.dfnsId = dfnsId
        self.message = message
        self.rotation = rotation
    }

    /// `<Kind>/<name>`, or `<Kind> <dfnsId>` for objects no manifest names.
    public var label: String {
        if let name { return ObjectAddress(kind: kind, name: name).description }
        return "\(kind.rawValue) \(dfnsId ?? "?")"
    }
}
