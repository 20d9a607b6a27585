/// Why a rotation is due.
public enum RotationTrigger: String, Sendable, Hashable, Codable {
    /// The current generation is older than `maxAge`.
    case maxAge = "max_age"
    /// The manifest's `rotation.trigger` value changed.
    case triggerChanged = "trigger_changed"
    /// `dfnsops rotate KIND/NAME` asked for it.
    case manual
}
