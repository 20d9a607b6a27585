import DfnsAPI
import Foundation
import SecretStores
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dfnsops secrets list` and `dfnsops secrets export`, driven through the built binary against a file store
/// filled with real keys, tokens and webhook secrets. Every run goes through the leak harness (``DfnsOpsBinary``):
/// its stdout, stderr and the files it wrote are searched for every value the stores hold, except the one destination
/// an export was asked to write a value to.
@Suite("dfnsops secrets", .timeLimit(.minutes(2)))
struct SecretsCommandTests {
    // MARK: list

    @Test("list shows every staged version with its fingerprint, grouped by store, and no value")
    func listShowsFingerprintsNotValues() async throws {
        let workspace = try await SecretsWorkspace.make()
        let result = try await workspace.run(["secrets", "list"])
        #expect(result.status == 0, "\(result.stderrText)")
        workspace.expectNoSecrets(in: result)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first == "store vault: file stores/vault")
        #expect(lines.contains { $0.hasPrefix("ENTRY") && $0.contains("FINGERPRINT") && $0.contains("AGE") })
        for version in workspace.versions {
            let row = lines.first { line in
                line.hasPrefix(version.entry + " ") && line.contains(" \(version.stage.rawValue) ")
            }
            let found = try #require(row, "no row for \(version.entry) \(version.stage)")
            #expect(found.contains(version.fingerprint), "\(found)")
            #expect(found.contains(" \(version.number) "), "\(found)")
        }
        #expect(lines.count == 2 + workspace.versions.count)
    }

    @Test("list --format json carries stages, versions, kinds and fingerprints, and no value")
    func listJSON() async throws {
        let workspace = try await SecretsWorkspace.make()
        let result = try await workspace.run(["secrets", "list", "--format", "json"])
        #expect(result.status == 0, "\(result.stderrText)")
        workspace.expectNoSecrets(in: result)
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let stores = try #require(document["stores"] as? [[String: Any]])
        #expect(stores.count == 1)
        #expect(stores.first?["name"] as? String == "vault")
        let entries = try #require(stores.first?["entries"] as? [[String: Any]])
        var listed: Set<String> = []
        for entry in entries {
            for version in entry["versions"] as? [[String: Any]] ?? [] {
                listed.insert(
                    "\(entry["entry"] ?? "") \(version["stage"] ?? "") \(version["version"] ?? "") "
                        + "\(version["fingerprint"] ?? "")")
                #expect(version["kind"] as? String != nil)
                #expect(version["ageSeconds"] as? Int != nil)
            }
        }
        let written = Set(workspace.versions.map { "\($0.entry) \($0.stage) \($0.number) \($0.fingerprint)" })
        #expect(listed == written)
    }

    @Test("list --store limits the listing to one store; an unknown store is a usage error naming the declared ones")
    func listOneStore() async throws {
        let workspace = try await SecretsWorkspace.make(extraStores: ["archive"])
        let one = try await workspace.run(["secrets", "list", "--store", "archive"])
        #expect(one.status == 0, "\(one.stderrText)")
        #expect(one.stdoutText == "store archive: file stores/archive\nno secret-store entries\n")

        let both = try await workspace.run(["secrets", "list"])
        #expect(both.status == 0)
        #expect(both.stdoutText.contains("store vault: file stores/vault\n"))
        #expect(both.stdoutText.hasSuffix("\nstore archive: file stores/archive\nno secret-store entries\n"))
        workspace.expectNoSecrets(in: both)

        let unknown = try await workspace.run(["secrets", "list", "--store", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stdoutText.isEmpty)
        #expect(unknown.stderrText.contains("no SecretStore named `nope`"))
        #expect(unknown.stderrText.contains("`vault`, `archive`"))
        workspace.expectNoSecrets(in: unknown)
    }

    @Test("list reports a store it cannot read, lists the others, and exits 1")
    func listInsecureStore() async throws {
        let workspace = try await SecretsWorkspace.make(extraStores: ["archive"])
        #expect(chmod(workspace.directory.appending("stores/archive"), 0o755) == 0)
        let result = try await workspace.run(["secrets", "list"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("chmod 700"), "\(result.stderrText)")
        #expect(result.stdoutText.contains(workspace.versions[0].fingerprint))
        workspace.expectNoSecrets(in: result)
    }

    @Test("list --sandbox reads .dfnsops/sandbox/stores/<name> in a fresh directory, not the configured store")
    func listSandbox() async throws {
        let directory = try SecretStoreScratchDirectory(label: "secrets-sandbox")
        defer { directory.remove() }
        try SecretsWorkspace.writeManifest(storeNames: ["vault"], in: directory)
        let result = try await DfnsOpsBinary.run(["secrets", "list", "--sandbox"], in: directory.path)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stdoutText == "store vault: file .dfnsops/sandbox/stores/vault (sandbox)\nno secret-store entries\n")
        let json = try await DfnsOpsBinary.run(
            ["secrets", "list", "--sandbox", "--format", "json"], in: directory.path)
        #expect(json.status == 0)
        #expect(json.stdoutText.contains("\"entries\" : [],\n"), "\(json.stdoutText)")
        #expect(!FileManager.default.fileExists(atPath: directory.appending("stores/vault")))
        var info = stat()
        #expect(stat(directory.appending(".dfnsops/sandbox/stores/vault"), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)

        // What the sandbox's apply would have written shows up there.
        let store = try FileSecretStore(rootPath: directory.appending(".dfnsops/sandbox/stores/vault"))
        let secret = "whsec_" + SecretStoreSampleMaterial.randomText(length: 40)
        let webhook = try SecretEntryPath("webhooks/treasury")
        _ = try await store.writePending(.webhookSecret(secret), to: webhook)
        try await store.promote(webhook)
        let listed = try await DfnsOpsBinary.run(["secrets", "list", "--sandbox"], in: directory.path)
        #expect(listed.status == 0)
        #expect(listed.stdoutText.contains(SecretFingerprint.ofWebhookSecret(secret)))
        #expect(!listed.stdoutText.contains(secret) && !listed.stderrText.contains(secret))
    }

    // MARK: export to a file

    @Test("export writes exactly the chosen stage and field to a new 0600 file", arguments: ExportCase.allCases)
    func exportToFile(_ exportCase: ExportCase) async throws {
        let workspace = try await SecretsWorkspace.make()
        let (entry, stage, field) = exportCase.selection
        let expected = try #require(workspace.value(of: entry, stage: stage, field: field))
        var arguments = ["secrets", "export", entry, "--stage", stage.rawValue, "--out", "exported"]
        if let field { arguments += ["--field", field.rawValue] }
        let result = try await workspace.run(arguments)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("to exported (mode 0600)"))
        workspace.expectNoSecrets(in: result)
        let path = workspace.directory.appending("exported")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test("export refuses to overwrite a file, or to follow a symbolic link, and says so")
    func exportNeverOverwrites() async throws {
        let workspace = try await SecretsWorkspace.make()
        let existing = workspace.directory.appending("existing.pem")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: existing))
        let result = try await workspace.run([
            "secrets", "export", "service-accounts/payments-signer", "--stage", "current", "--out", "existing.pem",
        ])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("refusing to overwrite existing.pem"), "\(result.stderrText)")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
        workspace.expectNoSecrets(in: result)

        let target = workspace.directory.appending("elsewhere.pem")
        #expect(symlink(target, workspace.directory.appending("link.pem")) == 0)
        let linked = try await workspace.run([
            "secrets", "export", "service-accounts/payments-signer", "--stage", "current", "--out", "link.pem",
        ])
        #expect(linked.status == 1)
        #expect(linked.stderrText.contains("refusing to overwrite link.pem"), "\(linked.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: target))
        workspace.expectNoSecrets(in: linked)
    }

    // MARK: export to standard output

    @Test(
        "export to standard output without --yes is refused, with or without --out -", arguments: [[], ["--out", "-"]])
    func exportToStandardOutputNeedsYes(_ out: [String]) async throws {
        let workspace = try await SecretsWorkspace.make()
        let result = try await workspace.run(
            ["secrets", "export", "service-accounts/payments-signer", "--stage", "current"] + out)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("refusing to write a secret to standard output"))
        #expect(result.stderrText.contains("not a terminal"))
        #expect(result.stderrText.contains("--yes was not given"))
        #expect(!result.stderrText.contains("standard output is a terminal and"))
        workspace.expectNoSecrets(in: result)
    }

    @Test("export --yes to a pipe writes exactly the value, and nothing else, to standard output")
    func exportToPipe() async throws {
        let workspace = try await SecretsWorkspace.make()
        let expected = try #require(workspace.value(of: "webhooks/treasury", stage: .previous, field: nil))
        let result = try await workspace.run(["secrets", "export", "webhooks/treasury", "--stage", "previous", "--yes"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == expected)
        // The leak search finds a value where one is meant to be, so its silence elsewhere means something.
        #expect(workspace.secrets.contains { result.stdoutText.contains($0.value) })
        #expect(result.stderrText.contains("to standard output"))
        workspace.expectNoSecrets(stdout: "", stderr: result.stderrText)

        let key = try #require(workspace.value(of: "service-accounts/payments-signer", stage: .current, field: nil))
        let dash = try await workspace.run([
            "secrets", "export", "service-accounts/payments-signer", "--stage", "current", "--out", "-", "--yes",
        ])
        #expect(dash.status == 0, "\(dash.stderrText)")
        #expect(dash.stdoutText == key)
    }

    @Test("export to a terminal is refused even with --yes, and the terminal receives nothing")
    func exportToTerminal() async throws {
        let workspace = try await SecretsWorkspace.make()
        let result = try await DfnsOpsBinary.runWithTerminalOutput(
            ["secrets", "export", "service-accounts/payments-signer", "--stage", "current", "--yes"],
            in: workspace.directory.path)
        #expect(result.status == 64)
        #expect(result.terminal.isEmpty, "the terminal received \(result.terminal.count) bytes")
        #expect(result.stderr.contains("standard output is a terminal"), "\(result.stderr)")
        #expect(!result.stderr.contains("--yes was not given"))
        workspace.expectNoSecrets(
            stdout: result.terminal, stderr: result.stderr)
    }

    // MARK: errors

    @Test(
        "unknown stores, entries, stages and fields are clear errors that leak nothing", arguments: ErrorCase.allCases)
    func exportErrors(_ errorCase: ErrorCase) async throws {
        let workspace = try await SecretsWorkspace.make(extraStores: errorCase.needsSecondStore ? ["archive"] : [])
        let result = try await workspace.run(["secrets", "export"] + errorCase.arguments + ["--out", "out.txt"])
        #expect(result.status == errorCase.status, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        for fragment in errorCase.messageFragments {
            #expect(result.stderrText.contains(fragment), "\(result.stderrText)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.appending("out.txt")))
        workspace.expectNoSecrets(in: result)
    }

    @Test("with several stores, --store picks the one to export from")
    func exportFromNamedStore() async throws {
        let workspace = try await SecretsWorkspace.make(extraStores: ["archive"])
        let expected = try #require(
            workspace.value(of: "personal-access-tokens/ci-deployer", stage: .current, field: .token))
        let result = try await workspace.run([
            "secrets", "export", "personal-access-tokens/ci-deployer", "--stage", "current", "--field", "token",
            "--store", "vault", "--out", "token.txt",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try String(contentsOfFile: workspace.directory.appending("token.txt"), encoding: .utf8) == expected)
        workspace.expectNoSecrets(in: result)
    }

    @Test(
        "help for secrets, list and export shows examples",
        arguments: [["secrets"], ["secrets", "list"], ["secrets", "export"]])
    func help(_ command: [String]) async throws {
        let directory = try SecretStoreScratchDirectory(label: "secrets-help")
        defer { directory.remove() }
        let result = try await DfnsOpsBinary.run(command + ["--help"], in: directory.path)
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("Examples:\n  dfnsops secrets "))
        #expect(result.stdoutText.contains("64"))
    }

    // MARK: the leak check itself

    @Test("the runner's leak check fails a leaking run, names where, never the secret, and spares only the export file")
    func leakCheckFires() async throws {
        let workspace = try await SecretsWorkspace.make()
        let token = try #require(
            workspace.value(of: "personal-access-tokens/ci-deployer", stage: .current, field: .token))
        let webhookSecret = try #require(workspace.value(of: "webhooks/treasury", stage: .current, field: nil))
        // A stand-in for dfnsops that leaks the token to stdout, the webhook secret in base64 to stderr and in hex
        // to a report, and writes the token where the export below asks (the one place that is allowed).
        let leaky = workspace.directory.appending("leaky-dfnsops")
        let base64 = Data(webhookSecret.utf8).base64EncodedString()
        let hex = Data(webhookSecret.utf8).map { String(format: "%02x", $0) }.joined()
        try Data(
            """
            #!/bin/sh
            printf 'token: %s\\n' '\(token)'
            printf 'error: %s\\n' '\(base64)' >&2
            printf '{"value": "%s"}\\n' '\(hex)' > report.json
            printf '%s' '\(token)' > token.txt

            """.utf8
        ).write(to: URL(fileURLWithPath: leaky))
        #expect(chmod(leaky, 0o700) == 0)
        let arguments = [
            "secrets", "export", "personal-access-tokens/ci-deployer", "--stage", "current", "--field", "token",
            "--out", "token.txt",
        ]

        var leaked: CommandResult?
        try await withKnownIssue("the stand-in leaks on purpose") {
            leaked = try await DfnsOpsBinary.run(arguments, in: workspace.directory.path, executable: leaky)
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            return text.hasPrefix("a secret leaked: ") && !text.contains(token) && !text.contains(webhookSecret)
                && !text.contains(base64) && !text.contains(hex)
        }
        let run = try #require(leaked)
        #expect(run.stdoutText == "token: \(token)\n" && run.stderrText == "error: \(base64)\n")
        // The same check, asked where: each leak by place and kind, never the export's own file.
        let findings = await DfnsOpsBinary.leaks(
            of: arguments, streams: [("stdout", run.stdoutText), ("stderr", run.stderrText)],
            in: workspace.directory.path, exempting: DfnsOpsBinary.exportDestination(arguments))
        let command = DfnsOpsBinary.label(arguments)
        #expect(
            findings == [
                "\(command) stdout (a secret as text)", "\(command) stderr (a secret as base64)",
                "\(command) report.json (a secret as hex)",
            ], "\(findings)")
        // Without the export, the file holding the token is a leak like any other.
        let listing = ["secrets", "list"]
        let unrequested = await DfnsOpsBinary.leaks(
            of: listing, streams: [], in: workspace.directory.path,
            exempting: DfnsOpsBinary.exportDestination(listing))
        #expect(unrequested.contains("\(DfnsOpsBinary.label(listing)) token.txt (a secret as text)"), "\(unrequested)")
    }

    /// What an export test selects: entry, stage and field (nil for the default).
    enum ExportCase: CaseIterable, Sendable, CustomTestStringConvertible {
        case currentKey
        case previousKey
        case pendingKey
        case currentToken
        case patKey
        case webhookSecret

        var selection: (entry: String, stage: SecretStage, field: SecretExportField?) {
            switch self {
            case .currentKey: ("service-accounts/payments-signer", .current, nil)
            case .previousKey: ("service-accounts/payments-signer", .previous, .privateKey)
            case .pendingKey: ("service-accounts/payments-signer", .pending, nil)
            case .currentToken: ("service-accounts/payments-signer", .current, .token)
            case .patKey: ("personal-access-tokens/ci-deployer", .current, nil)
            case .webhookSecret: ("webhooks/treasury", .current, .webhookSecret)
            }
        }

        var testDescription: String {
            let (entry, stage, field) = selection
            return "\(entry) \(stage) \(field.map(\.rawValue) ?? "(default field)")"
        }
    }

    /// A failing export: its arguments, exit status and what the message must say.
    enum ErrorCase: CaseIterable, Sendable, CustomTestStringConvertible {
        case unknownStore
        case severalStores
        case unknownEntry
        case missingStage
        case invalidStage
        case invalidEntryPath
        case unavailableField

        var arguments: [String] {
            switch self {
            case .unknownStore: ["webhooks/treasury", "--stage", "current", "--store", "nope"]
            case .severalStores: ["webhooks/treasury", "--stage", "current"]
            case .unknownEntry: ["service-accounts/nobody", "--stage", "current"]
            case .missingStage: ["personal-access-tokens/ci-deployer", "--stage", "pending"]
            case .invalidStage: ["webhooks/treasury", "--stage", "latest"]
            case .invalidEntryPath: ["../webhooks/treasury", "--stage", "current"]
            case .unavailableField: ["webhooks/treasury", "--stage", "current", "--field", "token"]
            }
        }

        var needsSecondStore: Bool { self == .severalStores }

        var status: Int32 {
            switch self {
            case .unknownStore, .severalStores, .invalidStage, .invalidEntryPath: 64
            case .unknownEntry, .missingStage, .unavailableField: 1
            }
        }

        var messageFragments: [String] {
            switch self {
            case .unknownStore: ["no SecretStore named `nope`", "`vault`"]
            case .severalStores: ["declare 2 secret stores", "--store NAME", "`vault`, `archive`"]
            case .unknownEntry:
                ["`service-accounts/nobody` does not exist in store `vault`", "dfnsops secrets list --store vault"]
            case .missingStage:
                [
                    "`personal-access-tokens/ci-deployer` in store `vault` has no pending version",
                    "it has current (version 1)",
                ]
            case .invalidStage: ["'latest' is invalid for '--stage <stage>'", "'current', 'pending' or 'previous'"]
            case .invalidEntryPath: ["invalid secret entry path `../webhooks/treasury`"]
            case .unavailableField: ["is a webhookSecret with no `token`", "--field webhook-secret"]
            }
        }

        var testDescription: String { "\(self)" }
    }
}

/// A temporary working directory with `manifests/stores.yaml` declaring file stores under `stores/<name>`, the
/// first (`vault`) filled through the SecretStores API with real keys, tokens and webhook secrets.
private final class SecretsWorkspace {
    /// One labelled version as the store holds it.
    struct Version {
        let entry: String
        let stage: SecretStage
        let number: Int
        let fingerprint: String
        let material: SecretMaterial
    }

    let directory: SecretStoreScratchDirectory
    /// Every labelled version, in listing order.
    let versions: [Version]
    /// Every secret string written, including versions no longer stored, to search outputs for.
    let secrets: [(label: String, value: String)]

    private init(
        directory: SecretStoreScratchDirectory, versions: [Version], secrets: [(label: String, value: String)]
    ) {
        self.directory = directory
        self.versions = versions
        self.secrets = secrets
    }

    deinit { directory.remove() }

    static func make(extraStores: [String] = []) async throws -> SecretsWorkspace {
        let directory = try SecretStoreScratchDirectory(label: "secrets-e2e")
        do {
            return try await fill(directory, extraStores: extraStores)
        } catch {
            directory.remove()
            throw error
        }
    }

    private static func fill(
        _ directory: SecretStoreScratchDirectory, extraStores: [String]
    ) async throws -> SecretsWorkspace {
        try writeManifest(storeNames: ["vault"] + extraStores, in: directory)
        for name in extraStores { _ = try FileSecretStore(rootPath: directory.appending("stores/\(name)")) }
        let store = try FileSecretStore(rootPath: directory.appending("stores/vault"))
        var secrets: [(String, String)] = []

        func key(_ algorithm: KeyAlgorithm, label: String) throws -> (SecretMaterial, String) {
            let key = try PrivateSigningKey(generating: algorithm)
            let token = "eyJ" + SecretStoreSampleMaterial.randomText(length: 80)
            let pem = key.pkcs8PEM
            secrets.append(("\(label) token", token))
            secrets.append(("\(label) PEM", pem))
            for line in pem.split(separator: "\n") where !line.hasPrefix("-----") && line.count >= 16 {
                secrets.append(("\(label) PEM line", String(line)))
            }
            let material = SecretMaterial.privateKey(
                pem: pem, credentialId: "cr-" + SecretStoreSampleMaterial.randomText(length: 12), token: token)
            return (material, key.publicKey.fingerprint)
        }
        func webhookSecret(label: String) -> SecretMaterial {
            let secret = "whsec_" + SecretStoreSampleMaterial.randomText(length: 40)
            secrets.append((label, secret))
            return .webhookSecret(secret)
        }

        let signer = try SecretEntryPath("service-accounts/payments-signer")
        for generation in 1...3 {
            let (material, fingerprint) = try key(.ecdsaP256, label: "payments-signer #\(generation)")
            _ = try await store.writePending(
                material, to: signer, fingerprint: fingerprint,
                metadata: SecretVersionMetadata(generation: generation))
            if generation < 3 { try await store.promote(signer) }
        }
        let pat = try SecretEntryPath("personal-access-tokens/ci-deployer")
        let (patKey, patFingerprint) = try key(.ed25519, label: "ci-deployer")
        _ = try await store.writePending(patKey, to: pat, fingerprint: patFingerprint)
        try await store.promote(pat)
        let webhook = try SecretEntryPath("webhooks/treasury")
        for generation in 1...2 {
            _ = try await store.writePending(webhookSecret(label: "treasury #\(generation)"), to: webhook)
            try await store.promote(webhook)
        }

        var versions: [Version] = []
        for metadata in try await store.listAll() {
            for (stage, version) in metadata.stagedVersions {
                versions.append(
                    Version(
                        entry: metadata.entry.rawValue, stage: stage, number: version.version,
                        fingerprint: version.fingerprint,
                        material: try await store.readValue(of: metadata.entry, stage: stage)))
            }
        }
        // Versions no longer stored count too: the harness searches every later run for them.
        LeakHarness.register(secrets.map(\.1))
        return SecretsWorkspace(directory: directory, versions: versions, secrets: secrets)
    }

    /// Writes `manifests/stores.yaml` declaring one file store per name, at `stores/<name>`.
    static func writeManifest(storeNames: [String], in directory: SecretStoreScratchDirectory) throws {
        let documents = storeNames.map { name in
            """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata:
              name: \(name)
            spec:
              type: file
              file:
                directory: stores/\(name)
            """
        }
        try FileManager.default.createDirectory(
            atPath: directory.appending("manifests"), withIntermediateDirectories: true)
        try Data((documents.joined(separator: "\n---\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: directory.appending("manifests/stores.yaml")))
    }

    /// The value a stage's field holds, as `SecretExport` would hand it over.
    func value(of entry: String, stage: SecretStage, field: SecretExportField?) -> String? {
        guard let version = versions.first(where: { $0.entry == entry && $0.stage == stage }) else { return nil }
        return try? SecretExport.value(of: version.material, field: field)
    }

    /// Runs the built `dfnsops` in the workspace.
    func run(_ arguments: [String]) async throws -> CommandResult {
        try await DfnsOpsBinary.run(arguments, in: directory.path)
    }

    /// Expects that no secret written to the store appears in a run's stdout or stderr.
    func expectNoSecrets(in result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoSecrets(stdout: result.stdoutText, stderr: result.stderrText, sourceLocation: sourceLocation)
    }

    /// Expects that no secret written to the store appears in either text.
    func expectNoSecrets(stdout: String, stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(secrets.count >= 10, sourceLocation: sourceLocation)
        for (label, value) in secrets {
            // The label, never the value, goes into a failure message.
            #expect(!stdout.contains(value), "stdout holds the \(label)", sourceLocation: sourceLocation)
            #expect(!stderr.contains(value), "stderr holds the \(label)", sourceLocation: sourceLocation)
        }
    }
}

/// The built `dfnsops` executable at `<repository>/.build/debug/dfnsops`.
private enum DfnsOpsBinary {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "the built dfnsops is missing at \(path); build it first with `swift build --product dfnsops`"
        }
    }

    /// `Tests/DfnsOpsEndToEndTests/SecretsCommandTests.swift` → the repository root.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path() throws -> String {
        let path = repositoryRoot.appendingPathComponent(".build/debug/dfnsops").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        return path
    }

    static var environment: [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8", "NO_COLOR": "1"]
    }

    /// Runs `dfnsops` (or a stand-in `executable`) with pipes for its standard streams; its output and the files
    /// it wrote go through the leak harness, and each leak fails the test.
    static func run(
        _ arguments: [String], in directory: String, executable: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandResult {
        let result = try await CommandRunner.run(
            try executable ?? path(), arguments, environment: environment,
            currentDirectory: URL(fileURLWithPath: directory))
        let streams = [("stdout", result.stdoutText), ("stderr", result.stderrText)]
        for leak in await leaks(
            of: arguments, streams: streams, in: directory, exempting: exportDestination(arguments))
        {
            Issue.record("a secret leaked: \(leak)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// How a run is named in a finding: its arguments (entry names and options, never a value).
    static func label(_ arguments: [String]) -> String {
        "`dfnsops \(arguments.joined(separator: " "))`"
    }

    /// Where a run's output or written files hold a secret, as `command place (kind)`; never the secret.
    ///
    /// The secrets are every one registered with ``LeakHarness`` — the workspaces' own (``SecretsWorkspace``
    /// registers what it writes) and, registered here, whatever the directory's stores (`stores/<name>`) and
    /// sandbox stores hold now. The stores themselves are not searched: they hold secrets by design.
    ///
    /// - Parameters:
    ///   - arguments: the run's arguments, to name it.
    ///   - streams: what it printed, by name (`stdout`, `stderr`, `terminal`).
    ///   - directory: its working directory, whose files it wrote are searched too.
    ///   - destination: the one place exempt, and only for `secrets export`, whose job is to hand a value over
    ///     (``exportDestination(_:)``): the file it was asked to write, or `stdout`. Nothing else is exempt.
    static func leaks(
        of arguments: [String], streams: [(String, String)], in directory: String,
        exempting destination: ExportDestination?
    ) async -> [String] {
        let root = URL(fileURLWithPath: directory)
        for stores in ["stores", ".dfnsops/sandbox/stores"] {
            let parent = root.appendingPathComponent(stores)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
                await LeakHarness.registerFileStore(at: parent.appendingPathComponent(name).path)
            }
        }
        var outputs = streams
        outputs += LeakHarness.writtenFiles(in: root).filter { !$0.label.hasPrefix("stores/") }
        switch destination {
        case .standardOutput?: outputs.removeAll { $0.0 == "stdout" }
        case .file(let path)?:
            let relative = path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
            outputs.removeAll { $0.0 == relative }
        case nil: break
        }
        let command = label(arguments)
        return LeakHarness.findings(in: outputs.map { (label: "\(command) \($0.0)", text: $0.1) })
    }

    /// Where `secrets export` was asked to write the value it exports.
    enum ExportDestination: Equatable {
        case standardOutput
        case file(String)
    }

    /// The destination an export run asked for: `--out FILE`, or standard output (no `--out`, or `--out -`) only
    /// with `--yes` — without it dfnsops must refuse and print nothing, so standard output is searched then. Nil
    /// for every other run.
    static func exportDestination(_ arguments: [String]) -> ExportDestination? {
        guard arguments.starts(with: ["secrets", "export"]) else { return nil }
        var out: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--out", index + 1 < arguments.count { out = arguments[index + 1] }
            if argument.hasPrefix("--out=") { out = String(argument.dropFirst("--out=".count)) }
        }
        if let out, out != "-" { return .file(out) }
        return arguments.contains("--yes") ? .standardOutput : nil
    }

    /// Runs `dfnsops` with its standard output on a pseudo-terminal, returning what reached the terminal. The
    /// terminal and standard error go through the leak harness with no exemption: dfnsops never writes a secret to
    /// a terminal, even when an export asks for it with `--yes`.
    static func runWithTerminalOutput(
        _ arguments: [String], in directory: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (status: Int32, terminal: String, stderr: String) {
        let result = try await runWithTerminalOutputUnchecked(arguments, in: directory)
        let streams = [("terminal", result.terminal), ("stderr", result.stderr)]
        for leak in await leaks(of: arguments, streams: streams, in: directory, exempting: nil) {
            Issue.record("a secret leaked: \(leak)", sourceLocation: sourceLocation)
        }
        return result
    }

    private static func runWithTerminalOutputUnchecked(
        _ arguments: [String], in directory: String
    ) async throws -> (status: Int32, terminal: String, stderr: String) {
        var controller: Int32 = -1
        var terminal: Int32 = -1
        try #require(openpty(&controller, &terminal, nil, nil, nil) == 0, "cannot open a pseudo-terminal")
        let executable = try path()
        // The run is waited for on a thread of its own, not on the cooperative pool that parallel tests share.
        return try await OffPool.run { [controller, terminal] in
            try runBlocking(executable, arguments, in: directory, controller: controller, terminal: terminal)
        }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], in directory: String, controller: Int32, terminal: Int32
    ) throws -> (status: Int32, terminal: String, stderr: String) {
        defer { close(controller) }
        let terminalHandle = FileHandle(fileDescriptor: terminal, closeOnDealloc: true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = terminalHandle
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let errorOutput = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try terminalHandle.close()

        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return (
            process.terminationStatus, String(decoding: received, as: UTF8.self),
            String(decoding: errorOutput, as: UTF8.self)
        )
    }
}
