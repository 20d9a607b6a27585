/// Why an action is planned, in the manner of Terraform's `action_reason`.
public enum ActionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Declared, and no live object carries its marker or adoption id.
    case notFound = "not_found"
    /// Declared fields differ from the live object.
    case fieldsChanged = "fields_changed"
    /// Declared active, found inactive.
    case declaredActive = "declared_active"
    /// Declared inactive, found active.
    case declaredInactive = "declared_inactive"
    /// `spec.adopt` names a live object that carries no marker yet.
    case adoptionRequested = "adoption_requested"
    /// The current generation is older than `maxAge`.
    case rotationMaxAge = "rotation_max_age"
    /// The manifest's `rotation.trigger` changed.
    case rotationTriggerChanged = "rotation_trigger_changed"
    /// `dfnsops rotate` asked for it.
    case rotationManual = "rotation_manual"
    /// A rotation started earlier continues with its next step.
    case rotationInProgress = "rotation_in_progress"
    /// `dfnsops rollback` asked to return to the previous generation.
    case rollbackRequested = "rollback_requested"
    /// No longer declared, and the `prune` policy removes it.
    case pruned = "pruned"
    /// A Key credential dfnsops did not register, on a principal whose manifest sets `key.exclusive: true`.
    case exclusiveKey = "exclusive_key"
}
