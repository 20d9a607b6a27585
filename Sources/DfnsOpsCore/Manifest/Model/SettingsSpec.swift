/// Organisation-wide settings (at most one Settings manifest).
public struct SettingsSpec: ManifestSpec {
    /// ``ManifestKind/settings``.
    public var kind: ManifestKind { .settings }

    /// Values for objects that do not set their own.
    public var defaults: SettingsDefaults
    /// Limits that `plan` and `apply` enforce per run.
    public var guards: GuardLimits
    /// What to do with objects dfnsops owns that are no longer declared.
    public var prune: PrunePolicy
    /// Findings that `drift` should not report.
    public var driftIgnore: [DriftIgnoreRule]

    /// Creates a spec; every part defaults to its own defaults.
    public init(
        defaults: SettingsDefaults = SettingsDefaults(),
        guards: GuardLimits = GuardLimits(),
        prune: PrunePolicy = PrunePolicy(),
        driftIgnore: [DriftIgnoreRule] = []
    ) {
        self.defaults = defaults
        self.guards = guards
        self.prune = prune
        self.driftIgnore = driftIgnore
    }
}
