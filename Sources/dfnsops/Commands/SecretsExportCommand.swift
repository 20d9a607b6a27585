import ArgumentParser
import DfnsOpsCore
import Foundation
import SecretStores

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops secrets export`: hands one stage's value over, to a new 0600 file or, deliberately, to a pipe.
struct SecretsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one stage's secret value to a new file (mode 0600), or to a pipe with --yes.",
        discussion: """
            Reads one version of an entry (the one labelled --stage) and writes one field of it, exactly as \
            stored with no newline added: by default a key's private-key PEM or a webhook's secret; --field \
            token selects the service-account or PAT token kept with a key.

            --out FILE creates FILE with mode 0600 and never overwrites: an existing file (or a symbolic link) is \
            refused. With --out - (or no --out) the value goes to standard output, but only when standard output \
            is not a terminal (a pipe or a redirect) and --yes is given; otherwise the command refuses, so that a \
            secret never lands on a screen or in a terminal's scrollback by accident.

            The stores are those the manifests declare (--manifests, default manifests/). When several are \
            declared, name one with --store.

            Exit status: 0 success, 1 error (no such entry or stage, the file exists, the store cannot be read), \
            64 usage error (including a refused standard output).

            Examples:
              dfnsops secrets export service-accounts/payments-signer \\
                --stage current --out signer.pem
              dfnsops secrets export service-accounts/payments-signer \\
                --stage pending --field token --out signer.token
              dfnsops secrets export webhooks/treasury --stage current \\
                --yes | vault kv put secret/treasury secret=-
            """
    )

    /// The stages `--stage` accepts.
    enum Stage: String, ExpressibleByArgument, CaseIterable {
        case current
        case pending
        case previous

        /// The store's stage label.
        var secretStage: SecretStage {
            switch self {
            case .current: .current
            case .pending: .pending
            case .previous: .previous
            }
        }
    }

    /// The fields `--field` accepts.
    enum Field: String, ExpressibleByArgument, CaseIterable {
        case privateKey = "private-key"
        case token
        case webhookSecret = "webhook-secret"

        /// The library's export field.
        var exportField: SecretExportField {
            switch self {
            case .privateKey: .privateKey
            case .token: .token
            case .webhookSecret: .webhookSecret
            }
        }
    }

    @Argument(help: "The entry to export, as 'dfnsops secrets list' shows it, such as webhooks/treasury.")
    var entry: String

    @Option(help: "The version to export, by its stage label.")
    var stage: Stage

    @Option(
        help: ArgumentHelp(
            "A new file to write (mode 0600; never overwritten), or - for standard output (needs --yes and a pipe).",
            valueName: "file"))
    var out: String?

    @Option(help: "The field to export. (default: private-key for a key, webhook-secret for a webhook)")
    var field: Field?

    @Option(help: ArgumentHelp("The SecretStore to read; required when several are declared.", valueName: "name"))
    var store: String?

    @Flag(help: "Allow writing the value to standard output; it must also not be a terminal.")
    var yes = false

    @Flag(
        help: """
            Use the sandbox's file stores in .dfnsops/sandbox/stores/<name> (the ones 'plan --sandbox' and \
            'apply --sandbox' write), instead of the stores the manifests configure.
            """)
    var sandbox = false

    @Option(
        name: .customLong("manifests"),
        help: ArgumentHelp(
            "A manifest file or directory that declares the stores; repeatable. (default: manifests/)",
            valueName: "path"))
    var manifestPaths: [String] = []

    @OptionGroup var global: GlobalOptions

    /// Whether the value goes to standard output rather than to a file.
    private var writesToStandardOutput: Bool { out == nil || out == "-" }

    func validate() throws {
        do {
            _ = try SecretEntryPath(entry)
        } catch {
            throw ValidationError("\(error)")
        }
        if writesToStandardOutput {
            let terminal = isatty(STDOUT_FILENO) == 1
            guard yes, !terminal else {
                var reasons: [String] = []
                if terminal { reasons.append("standard output is a terminal") }
                if !yes { reasons.append("--yes was not given") }
                throw ValidationError(
                    """
                    refusing to write a secret to standard output: dfnsops does so only when standard output is \
                    not a terminal (a pipe or a redirect) and --yes is given, and here \
                    \(reasons.joined(separator: " and ")). Write it to a new 0600 file with --out FILE instead, \
                    or pipe it: dfnsops secrets export \(entry) --stage \(stage.rawValue) --yes | COMMAND.
                    """)
            }
        }
    }

    func run() async throws {
        let input = try ManifestInput.load(manifestPaths, global: global, sandbox: sandbox)
        do {
            try await export(input.desired)
        } catch {
            throw error.report()
        }
    }

    private func export(_ desired: DesiredState) async throws(SecretsCommandError) {
        let path: SecretEntryPath
        do {
            path = try SecretEntryPath(entry)
        } catch {
            throw .usage("\(error)")
        }
        let selected = try SecretStoreSelection.openOne(desired, named: store, sandbox: sandbox)
        let secretStore = try selected.store()
        let version = try await stagedVersion(of: path, in: selected, store: secretStore)
        let material: SecretMaterial
        do {
            material = try await secretStore.readValue(of: path, stage: stage.secretStage)
        } catch {
            throw .failure(
                "cannot read the \(stage.rawValue) version of `\(path)` in store `\(selected.name)`: \(error)")
        }
        let chosenField = field?.exportField ?? .defaultField(for: material.kind)
        let described =
            "the \(stage.rawValue) version \(version.version) (\(version.fingerprint)) of `\(path)` "
            + "from store `\(selected.name)`, field \(chosenField)"
        do {
            if let out, out != "-" {
                try SecretExport.writeToNewFile(material, field: chosenField, path: out)
                StandardStreams.err("Wrote \(described) to \(out) (mode 0600).\n")
            } else {
                let value = try SecretExport.value(of: material, field: chosenField)
                FileHandle.standardOutput.write(Data(value.utf8))
                StandardStreams.err("Wrote \(described) to standard output.\n")
            }
        } catch SecretStoreError.exportFieldUnavailable(let field, let kind) {
            let available = SecretExportField.allCases.filter {
                (try? SecretExport.value(of: material, field: $0)) != nil
            }
            throw .failure(
                "the \(stage.rawValue) version of `\(path)` is a \(kind) with no `\(field)`; "
                    + "choose --field \(available.map(\.rawValue).joined(separator: " or --field ")).")
        } catch {
            throw .failure("\(error)")
        }
    }

    /// The version the stage label points at, with errors that name the store and the stages there are.
    private func stagedVersion(
        of path: SecretEntryPath,
        in selected: SecretStoreSelection.Store,
        store secretStore: any SecretStore
    ) async throws(SecretsCommandError) -> SecretVersionInfo {
        let listCommand = "dfnsops secrets list\(sandbox ? " --sandbox" : "") --store \(selected.name)"
        let metadata: EntryMetadata?
        do {
            metadata = try await secretStore.metadata(of: path)
        } catch {
            throw .failure("cannot read `\(path)` in store `\(selected.name)`: \(error)")
        }
        guard let metadata else {
            throw .failure(
                "secret entry `\(path)` does not exist in store `\(selected.name)` (\(selected.location)); "
                    + "run `\(listCommand)` to see its entries.")
        }
        guard let version = metadata[stage.secretStage] else {
            let staged = metadata.stagedVersions.map { "\($0.stage) (version \($0.version.version))" }
            let present = staged.isEmpty ? "it has no staged versions" : "it has \(staged.joined(separator: ", "))"
            throw .failure(
                "secret entry `\(path)` in store `\(selected.name)` has no \(stage.rawValue) version; \(present). "
                    + "Run `\(listCommand)` to see every stage.")
        }
        return version
    }
}
