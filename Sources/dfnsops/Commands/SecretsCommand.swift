import ArgumentParser

/// `dfnsops secrets`: look into the secret stores the manifests declare.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "List the secret stores' entries as fingerprints, or export one value to a new file.",
        discussion: """
            New keys, tokens and webhook secrets exist only in the secret stores that the manifests declare \
            (kind: SecretStore). 'list' shows what each store holds, as stages, versions, fingerprints and ages, \
            never values. 'export' hands one value over: to a new file readable only by you, or to a pipe when \
            you say --yes.

            With --sandbox, both use the sandbox's file stores in .dfnsops/sandbox/stores/<name>, the ones \
            'plan --sandbox' and 'apply --sandbox' use.

            Exit status: 0 success, 1 error, 64 usage error.

            Examples:
              dfnsops secrets list --sandbox
              dfnsops secrets list manifests/ --store local --format json
              dfnsops secrets export service-accounts/payments-signer \\
                --stage current --out signer.pem
            """,
        subcommands: [
            SecretsListCommand.self,
            SecretsExportCommand.self,
        ]
    )
}
