import Foundation

/// Recorded on a version that `dfnsops rollback` made current again: its rotation is held, so the next run does
/// not rotate straight back (the restored version is old by age), until the manifest's `rotation.trigger` differs
/// from the one recorded here or a rotation is asked for by hand.
public struct RotationHold: Sendable, Hashable, Codable {
    /// When the rollback made the version current again.
    public var since: Date
    /// The manifest's `rotation.trigger` at the rollback; another value releases the hold.
    public var trigger: String?
    /// The generation that was rolled back.
    public var rolledBackGeneration: Int?

    /// Creates a hold.
    ///
    /// - Parameters:
    ///   - since: When the rollback made the version current again.
    ///   - trigger: The manifest's rotation trigger at the time.
    ///   - rolledBackGeneration: The generation that was rolled back.
    public init(since: Date, trigger: String?, rolledBackGeneration: Int?) {
        self.since = since
        self.trigger = trigger
        self.rolledBackGeneration = rolledBackGeneration
    }
}
