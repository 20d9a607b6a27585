import Foundation

/// What a plan depends on besides manifests and live state.
public struct PlanOptions: Sendable, Hashable {
    /// The time the plan is made at (rotation ages, overlaps).
    public var now: Date
    /// Objects that `dfnsops rotate` asked to rotate now.
    public var manualRotations: Set<ObjectAddress>
    /// Overrides Settings' `maxDeactivations`.
    public var maxDeactivations: Int?
    /// Overrides Settings' `maxRotations`; the default is 10.
    public var maxRotations: Int?

    /// The default number of rotations that may start in one run.
    public static let defaultMaxRotations = 10

    public init(
        now: Date, manualRotations: Set<ObjectAddress> = [], maxDeactivations: Int? = nil, maxRotations: Int? = nil
    ) {
        self.now = now
        self.manualRotations = manualRotations
        self.maxDeactivations = maxDeactivations
        self.maxRotations = maxRotations
    }
}
