import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A secret store backed by an external command, in the manner of git's and Docker's credential helpers.
///
/// dfnsops runs the configured argv (no shell) with the operation name appended as the last argument, writes
/// a JSON request on the plugin's stdin and reads a JSON reply from its stdout. The plugin is a plain key/value
/// store (`get`, `get-metadata`, `put`, `delete`, `list`); this type keeps versions and stage labels on top of it
/// under two kinds of key:
///
/// - `<entry>/@labels`: the labels record (which version has which stage, with fingerprints and times), read
///   with `get-metadata` only;
/// - `<entry>/@v<number>`: one version's material, read with `get` only, and only by ``readValue(of:stage:)``.
///
/// So ``metadata(of:)``, ``list(under:)`` and the bookkeeping reads of writes and moves never ask for a secret
/// value, and a plugin can serve them with credentials that can read metadata only.
///
/// A write puts the version before the labels record that names it, then deletes versions no label points
/// at, so the store is consistent after a crash as long as the plugin's `put` is atomic. Secrets travel only
/// on stdin and stdout: never in arguments, and the plugin's environment is dfnsops's own minus every `DFNS_*`
/// variable. docs/secret-stores.md specifies the protocol.
///
/// Operations on one entry are serialised within a process. Two processes writing the same entry at once
/// are not serialised (the plugin protocol has no lock); run one dfnsops at a time against an exec store, as
/// CI concurrency groups do.
public struct ExecSecretStore: SecretStore {
    /// The configured command: the executable followed by its fixed arguments.
    public let command: [String]
    private let client: PluginKeyValueClient
    private let mutex = EntryMutex()
    private let now: @Sendable () -> Date

    /// Creates a store that talks to a plugin command.
    ///
    /// - Parameters:
    ///   - command: The executable (a path, or a name looked up on `PATH`) and its fixed arguments.
    ///   - timeout: How long one plugin run may take before it is killed.
    ///   - now: The clock that stamps new versions.
    ///   - diagnostics: Receives the plugin's stderr (excerpt, request values redacted), for the debug log only.
    /// - Throws: ``SecretStoreError/pluginLaunchFailed(command:reason:)`` when the command is empty or the
    ///   executable cannot be found.
    public init(
        command: [String],
        timeout: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() },
        diagnostics: (@Sendable (String) -> Void)? = nil
    ) throws {
        guard let executable = command.first, !executable.isEmpty else {
            throw SecretStoreError.pluginLaunchFailed(command: "(none)", reason: "the command is empty")
        }
        let environment = Self.pluginEnvironment(from: ProcessInfo.processInfo.environment)
        let runner = PluginProcessRunner(
            executablePath: try Self.resolve(executable, searchPath: environment["PATH"]),
            arguments: Array(command.dropFirst()),
            displayName: executable,
            environment: environment,
            timeout: timeout
        )
        self.command = command
        self.client = PluginKeyValueClient(runner: runner, diagnostics: diagnostics)
        self.now = now
    }

    /// Reads an entry's labels record.
    ///
    /// - Parameter entry: The entry to describe.
    /// - Returns: The entry's metadata, or `nil` when it does not exist.
    /// - Throws: ``SecretStoreError`` when the plugin fails or the record is corrupt.
    public func metadata(of entry: SecretEntryPath) async throws -> EntryMetadata? {
        try await readIndex(entry)?.metadata(for: entry)
    }

    /// Reads one stage's value.
    ///
    /// - Parameters:
    ///   - entry: The entry to read.
    ///   - stage: The stage whose version to read.
    /// - Returns: The material of that version.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)``, ``SecretStoreError/stageNotFound(_:_:)`` or a plugin
    ///   error.
    public func readValue(of entry: SecretEntryPath, stage: SecretStage) async throws -> SecretMaterial {
        try await mutex.withLock(entry) {
            // A writer in another process may delete the version between the two reads; read the labels again.
            for _ in 0..<2 {
                guard let index = try await readIndex(entry) else { throw SecretStoreError.entryNotFound(entry) }
                guard let info = index.version(at: stage) else { throw SecretStoreError.stageNotFound(entry, stage) }
                if let data = try await client.get(Self.versionKey(entry, info.version)) {
                    return try StoreCoding.decodeVersion(data, entry: entry, expected: info)
                }
            }
            throw SecretStoreError.corruptEntry(entry, detail: "the labels name a version the plugin does not have")
        }
    }

    /// Writes a new pending version: the version key first, then the labels record.
    ///
    /// - Parameters:
    ///   - material: The material to store.
    ///   - entry: The entry to write; created when missing.
    ///   - fingerprint: The public-key fingerprint for a key; `nil` for a webhook secret.
    ///   - metadata: Non-secret facts to record.
    /// - Returns: The version written.
    /// - Throws: ``SecretStoreError`` when the request is invalid or the plugin fails.
    public func writePending(
        _ material: SecretMaterial,
        to entry: SecretEntryPath,
        fingerprint: String?,
        metadata: SecretVersionMetadata
    ) async throws -> SecretVersionInfo {
        let draft = try PendingVersionDraft(
            entry: entry, material: material, fingerprint: fingerprint, metadata: metadata)
        return try await mutex.withLock(entry) {
            var index = try await readIndex(entry) ?? EntryIndex()
            try await removeUnreferencedVersions(of: entry, keeping: index.referencedVersions)
            let number = index.allocateVersion()
            let info = draft.versionInfo(version: number, createdAt: now())
            try await client.put(Self.versionKey(entry, number), StoreCoding.encode(draft.document(version: number)))
            try await commit(index.staging(info), for: entry)
            return info
        }
    }

    /// Moves an entry's stage labels: one labels record put, then the obsolete versions deleted.
    @discardableResult
    public func move(_ move: SecretLabelMove, of entry: SecretEntryPath) async throws -> EntryMetadata {
        try await mutex.withLock(entry) {
            guard let index = try await readIndex(entry) else { throw SecretStoreError.entryNotFound(entry) }
            let next = try index.moving(move, of: entry)
            try await commit(next, for: entry)
            return next.index.metadata(for: entry)
        }
    }

    /// Lists the entries at or below a prefix.
    ///
    /// - Parameter prefix: The prefix, or `nil` for every entry.
    /// - Returns: The entries' metadata, sorted by path.
    /// - Throws: ``SecretStoreError`` when the plugin fails or a record is corrupt.
    public func list(under prefix: SecretEntryPath?) async throws -> [EntryMetadata] {
        let keys = try await client.list(prefix: prefix.map { $0.rawValue + "/" } ?? "")
        let suffix = "/" + Self.labelsKeyName
        var found: [EntryMetadata] = []
        for key in keys where key.hasSuffix(suffix) {
            guard let entry = try? SecretEntryPath(String(key.dropLast(suffix.count))) else { continue }
            if let index = try await readIndex(entry) { found.append(index.metadata(for: entry)) }
        }
        return found.sorted { $0.entry < $1.entry }
    }

    // MARK: - Keys and records

    private static let labelsKeyName = "@labels"
    private static let versionKeyPrefix = "@v"

    private static func labelsKey(_ entry: SecretEntryPath) -> String {
        entry.rawValue + "/" + labelsKeyName
    }

    private static func versionKey(_ entry: SecretEntryPath, _ version: Int) -> String {
        entry.rawValue + "/" + versionKeyPrefix + String(version)
    }

    /// Reads an entry's labels record with `get-metadata`, the one operation that reads a labels record.
    private func readIndex(_ entry: SecretEntryPath) async throws -> EntryIndex? {
        guard let data = try await client.getMetadata(Self.labelsKey(entry)) else { return nil }
        return try StoreCoding.decodeIndex(data, entry: entry)
    }

    /// Puts the new labels record, then deletes the versions no label points at any more.
    private func commit(_ transition: EntryIndex.Transition, for entry: SecretEntryPath) async throws {
        try await client.put(Self.labelsKey(entry), StoreCoding.encode(transition.index))
        for version in transition.obsoleteVersions {
            try await client.delete(Self.versionKey(entry, version))
        }
    }

    /// Deletes versions left behind by a crashed writer (put, but never named by the labels record).
    private func removeUnreferencedVersions(of entry: SecretEntryPath, keeping referenced: Set<Int>) async throws {
        let prefix = entry.rawValue + "/" + Self.versionKeyPrefix
        for key in try await client.list(prefix: prefix) {
            guard let version = Int(key.dropFirst(prefix.count)), !referenced.contains(version) else { continue }
            try await client.delete(key)
        }
    }

    // MARK: - The executable

    /// The environment a plugin runs with: dfnsops's own, without the operator's credentials (`DFNS_*`).
    static func pluginEnvironment(from environment: [String: String]) -> [String: String] {
        environment.filter { !$0.key.hasPrefix("DFNS_") }
    }

    private static func resolve(_ executable: String, searchPath: String?) throws -> String {
        if executable.contains("/") {
            let path =
                executable.hasPrefix("/") ? executable : FileManager.default.currentDirectoryPath + "/" + executable
            guard access(path, X_OK) == 0 else {
                throw SecretStoreError.pluginLaunchFailed(command: executable, reason: "\(path) is not executable")
            }
            return path
        }
        for directory in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = directory + "/" + executable
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw SecretStoreError.pluginLaunchFailed(command: executable, reason: "not found on PATH")
    }
}
