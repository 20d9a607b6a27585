import Foundation

/// A rotation's phase with what comes next and when.
public struct RotationStatus: Sendable, Hashable, Codable {
    public var phase: RotationPhase
    /// The generation in use (the store's `current`), when there is one.
    public var currentGeneration: Int?
    /// The generation being introduced, during a rotation.
    public var nextGeneration: Int?
    /// Why the rotation is due, in phase `due`.
    public var trigger: RotationTrigger?
    /// The next step, in words (for example `deactivate generation 3`).
    public var nextStep: String?
    /// When the next step becomes possible; nil when it is possible now or there is none.
    public var nextStepAt: Date?
    /// For a due rotation: how long past `maxAge` the current generation is.
    public var overdueBy: TimeInterval?
    /// For an inconsistent phase: what does not fit.
    public var problem: String?

    public init(
        phase: RotationPhase, currentGeneration: Int? = nil, nextGeneration: Int? = nil,
        trigger: RotationTrigger? = nil, nextStep: String? = nil, nextStepAt: Date? = nil,
        overdueBy: TimeInterval? = nil, problem: String? = nil
    ) {
        self.phase = phase
        self.currentGeneration = currentGeneration
        self.nextGeneration = nextGeneration
        self.trigger = trigger
        self.nextStep = nextStep
        self.nextStepAt = nextStepAt
        self.overdueBy = overdueBy
        self.problem = problem
    }
}
