/// Progress of an apply, for live display or CI log lines.
public enum ApplyEvent: Sendable {
    case started(PlannedAction)
    case finished(ActionResult)
}
