import Foundation

/// What one rotation strategy does at each phase (rekey, replace, webhook twin). The `RotationDriver` observes,
/// resolves the phase and calls the step that fits; the shared phases (overlap, steady, inconsistent) are its own.
protocol RotationStrategySteps: Sendable {
    /// The live objects a step acts on besides the facts (credentials, principals or webhooks).
    associatedtype Observation: Sendable

    /// The rotating object's kind, which decides the retire verb.
    var kind: ManifestKind { get }
    /// The rotating object as `Kind/name`, for messages.
    var address: ObjectAddress { get }
    /// The declared rotation policy.
    var policy: RotationPolicy { get }
    /// What the live generations are, in words (`credentials`, `principals`, `webhooks`).
    var liveNoun: String { get }

    /// The Dfns id a rotate action reports.
    func principalId(in context: RotationContext) -> String?
    /// Reads the live generations and the facts the phase is derived from.
    func observe(_ context: RotationContext) async throws -> RotationObservation<Observation>
    /// `due`: stage the next generation's secret in the store.
    func stage(_ step: RotationStep<Observation>, log: inout RotationLog) async throws
    /// `staged`: register or create the pending generation in Dfns.
    func register(_ step: RotationStep<Observation>, log: inout RotationLog) async throws
    /// `registered`: verify the pending generation and make it current in the store.
    func promote(_ step: RotationStep<Observation>, log: inout RotationLog) async throws
    /// `retire`: the overlap has elapsed; deactivate or delete the old generation.
    func retire(_ step: RotationStep<Observation>, log: inout RotationLog) async throws
    /// `done` with `retain` elapsed: forget the previous generation.
    func finish(_ step: RotationStep<Observation>, log: inout RotationLog) async throws
    /// `dfnsops rollback`: the previous and current generations as Dfns shows them (`RollbackSchedule` turns them
    /// into the plan's effects and apply's steps).
    func rollbackFacts(_ context: RotationContext) async throws -> RollbackFacts
    /// Takes one rollback step in Dfns (every step but `moveStore`, which `RollbackDriver` takes); says what it did.
    func rollBack(_ step: RollbackStep, _ facts: RollbackFacts, _ context: RotationContext) async throws -> String
}

/// What a strategy observed: the facts for the resolver and its own view of the live objects.
struct RotationObservation<Live: Sendable>: Sendable {
    var facts: RotationFacts
    var live: Live
}

/// Everything one step of a rotation acts on, observed just before it.
struct RotationStep<Live: Sendable>: Sendable {
    /// The store entry, read just before the step.
    var context: RotationContext
    /// The phase derived from the facts, and what comes next.
    var status: RotationStatus
    /// The facts the phase was derived from, and the strategy's live objects.
    var observed: RotationObservation<Live>
    /// The time the phase was derived at.
    var now: Date

    var facts: RotationFacts { observed.facts }
    var live: Live { observed.live }
    /// The generation being introduced.
    var next: Int { status.nextGeneration ?? ((status.currentGeneration ?? 1) + 1) }
}
