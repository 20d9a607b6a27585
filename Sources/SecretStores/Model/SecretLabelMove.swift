import Foundation

/// A move of an entry's stage labels that writes no new version (``SecretStore/move(_:of:)``).
public enum SecretLabelMove: Sendable, Hashable {
    /// Pending becomes current (``SecretStore/promote(_:)``).
    case promote
    /// Previous becomes current again (``SecretStore/rollback(_:holding:)``); a hold, when given, is recorded in
    /// the restored version's metadata in the same write.
    case rollback(hold: RotationHold?)
    /// One stage label is removed (``SecretStore/dropStage(_:of:)``).
    case drop(SecretStage)
    /// No label moves: the previous version records that its live generation was retired (deactivated or
    /// deleted in Dfns) at this time (``SecretStore/markPreviousRetired(_:at:)``), so that a reader of metadata
    /// alone knows the rotation finished retiring.
    case markPreviousRetired(at: Date)
}
