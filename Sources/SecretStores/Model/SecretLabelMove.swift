/// A move of an entry's stage labels that writes no new version (``SecretStore/move(_:of:)``).
public enum SecretLabelMove: Sendable, Hashable {
    /// Pending becomes current (``SecretStore/promote(_:)``).
    case promote
    /// Previous becomes current again (``SecretStore/rollback(_:holding:)``); a hold, when given, is recorded in
    /// the restored version's metadata in the same write.
    case rollback(hold: RotationHold?)
    /// One stage label is removed (``SecretStore/dropStage(_:of:)``).
    case drop(SecretStage)
}
