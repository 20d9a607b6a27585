import ArgumentParser

/// The `dfnsops` command: GitOps for the credentials and secrets of a Dfns organisation.
@main
struct DfnsOps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfnsops",
        abstract: "Reconcile Dfns service accounts, PATs, webhooks and their keys and secrets with YAML manifests.",
        discussion: """
            Manifests in a Git repository declare what should exist and how keys and secrets rotate. dfnsops \
            validates them, plans the changes against the live organisation, and applies them idempotently.

            Examples:
              dfnsops validate                    check every manifest under manifests/
              dfnsops validate manifests/examples check one directory (or name files)
              dfnsops validate --format json      diagnostics as JSON, for CI tools
              dfnsops secrets list --sandbox      stored keys and secrets, as fingerprints

            Exit codes (every command):
              0   success; nothing to change, or in sync
              1   error (invalid manifests, failed requests)
              2   success, with changes (plan --detailed-exitcode) or drift (drift)
              3   refused by a safety guard, or a saved plan is stale
              64  usage error
            """,
        subcommands: [
            ValidateCommand.self,
            PlanCommand.self,
            ApplyCommand.self,
            RotateCommand.self,
            RollbackCommand.self,
            DriftCommand.self,
            WebhookReceiverCommand.self,
            SecretsCommand.self,
        ]
    )
}
