import ArgumentParser

/// How much `plan` and `drift` may read. Both connect with a read token only; this says whether they may also
/// read secret values from the stores.
struct ReadAccessOptions: ParsableArguments {
    @Flag(
        help: """
            Read store metadata only (stages, fingerprints, recorded ids), never a secret value, even where the \
            store would allow it. Without it, the token of each keyed principal is read when the store allows, to \
            list that principal's own credentials (keys added beside dfnsops); a plan's actions are the same \
            either way, except that a key.exclusive deactivation needs those lists.
            """)
    var metadataOnly = false

    /// The access a reading command runs with.
    var access: CommandContext.Access { .read(values: !metadataOnly) }
}
