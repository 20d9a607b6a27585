/// What diffing one object produced: actions to take and findings to report.
struct DiffOutcome: Sendable {
    var actions: [PlannedAction] = []
    var drift: [DriftEntry] = []

    mutating func merge(_ other: DiffOutcome) {
        actions += other.actions
        drift += other.drift
    }
}
