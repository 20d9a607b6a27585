import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The default secret store: a directory tree with one folder per entry.
///
/// ```
/// ROOT/                                   0700, owned by the user, refused if group/other can access it
///   service-accounts/payments-signer/     0700, one folder per entry
///     @labels.json                        0600, which version has which stage (an EntryIndex)
///     @v7.json  @v8.json                  0600, one file per version, holding the material
///     @lock                               0600, taken with flock by every writer (and reader)
/// ```
///
/// Every file is written to a temporary file, fsynced, renamed into place, and the folder fsynced. A write
/// stores the version file before the labels file that names it, so labels only ever point at complete
/// versions. Files no label points at (a crash between the two renames) and temporary files (a crash mid
/// write) are removed under the lock by the next writer of that entry, or by ``removeLeftovers()``.
public struct FileSecretStore: SecretStore {
    /// The absolute path of the store's root directory.
    public let rootPath: String
    private let lockTimeout: Duration
    private let now: @Sendable () -> Date

    /// Opens a file store, creating its root directory (mode 0700) when it does not exist.
    ///
    /// - Parameters:
    ///   - rootPath: The store's root directory; relative paths are resolved against the working directory.
    ///   - lockTimeout: How long a call waits for another process holding an entry's lock.
    ///   - now: The clock that stamps new versions.
    /// - Throws: ``SecretStoreError/insecureStoreDirectory(path:mode:)`` when group or others can access the
    ///   root, ``SecretStoreError/storeDirectoryNotOwned(path:ownerUID:)`` when another user owns it, or a
    ///   file-system error.
    public init(
        rootPath: String,
        lockTimeout: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        let absolute =
            rootPath.hasPrefix("/") ? rootPath : FileManager.default.currentDirectoryPath + "/" + rootPath
        var trimmed = absolute
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.rootPath = trimmed
        self.lockTimeout = lockTimeout
        self.now = now
        try Self.createRootIfMissing(trimmed)
        try Self.checkRoot(trimmed)
    }

    /// Reads an entry's stages and fingerprints from its labels file, without reading any value.
    ///
    /// - Parameter entry: The entry to describe.
    /// - Returns: The entry's metadata, or `nil` when it does not exist.
    /// - Throws: ``SecretStoreError`` when the store is insecure or the labels file is unreadable.
    public func metadata(of entry: SecretEntryPath) async throws -> EntryMetadata? {
        try Self.checkRoot(rootPath)
        return try readIndex(entry: entry, directory: directory(for: entry))?.metadata(for: entry)
    }

    /// Reads one stage's value under a shared lock.
    ///
    /// - Parameters:
    ///   - entry: The entry to read.
    ///   - stage: The stage whose version to read.
    /// - Returns: The material of that version.
    /// - Throws: ``SecretStoreError/entryNotFound(_:)``, ``SecretStoreError/stageNotFound(_:_:)``, or a
    ///   file-system or decoding error.
    public func readValue(of entry: SecretEntryPath, stage: SecretStage) async throws -> SecretMaterial {
        try Self.checkRoot(rootPath)
        let folder = directory(for: entry)
        guard DurableFileSystem.isDirectory(folder) else { throw SecretStoreError.entryNotFound(entry) }
        let lock = try await EntryFileLock.acquire(
            directory: folder, entry: entry, exclusive: false, timeout: lockTimeout)
        guard let index = try readIndex(entry: entry, directory: folder) else {
            throw SecretStoreError.entryNotFound(entry)
        }
        guard let info = index.version(at: stage) else { throw SecretStoreError.stageNotFound(entry, stage) }
        let path = folder + "/" + FileStoreLayout.versionFileName(info.version)
        guard let data = try DurableFileSystem.readFile(path) else {
            throw SecretStoreError.corruptEntry(entry, detail: "the file of version \(info.version) is missing")
        }
        _ = consume lock
        return try StoreCoding.decodeVersion(data, entry: entry, expected: info)
    }

    /// Writes a new pending version: the version file first, then the labels file that names it.
    ///
    /// - Parameters:
    ///   - material: The material to store.
    ///   - entry: The entry to write; created when missing.
    ///   - fingerprint: The public-key fingerprint for a key; `nil` for a webhook secret.
    ///   - metadata: Non-secret facts to record.
    /// - Returns: The version written.
    /// - Throws: ``SecretStoreError`` when the request is invalid, the entry stays locked, or a write fails.
    public func writePending(
        _ material: SecretMaterial,
        to entry: SecretEntryPath,
        fingerprint: String?,
        metadata: SecretVersionMetadata
    ) async throws -> SecretVersionInfo {
        let draft = try PendingVersionDraft(
            entry: entry, material: material, fingerprint: fingerprint, metadata: metadata)
        return try await withExclusiveEntry(entry, createIfMissing: true) { folder, existing in
            var index = existing ?? EntryIndex()
            let number = index.allocateVersion()
            let info = draft.versionInfo(version: number, createdAt: now())
            try DurableFileSystem.writeAtomically(
                StoreCoding.encode(draft.document(version: number)),
                directory: folder,
                name: FileStoreLayout.versionFileName(number)
            )
            try commit(index.staging(info), in: folder)
            return info
        }
    }

    /// Moves an entry's stage labels under the entry's lock: the labels file replaced, then the obsolete
    /// version files removed.
    @discardableResult
    public func move(_ move: SecretLabelMove, of entry: SecretEntryPath) async throws -> EntryMetadata {
        try await withExclusiveEntry(entry, createIfMissing: false) { folder, existing in
            guard let index = existing else { throw SecretStoreError.entryNotFound(entry) }
            let next = try index.moving(move, of: entry)
            try commit(next, in: folder)
            return next.index.metadata(for: entry)
        }.result
    }

    /// Lists the entries at or below a prefix by walking the folder tree.
    ///
    /// - Parameter prefix: The prefix, or `nil` for every entry.
    /// - Returns: The entries' metadata, sorted by path.
    /// - Throws: ``SecretStoreError`` when the store is insecure or a labels file is unreadable.
    public func list(under prefix: SecretEntryPath?) async throws -> [EntryMetadata] {
        try Self.checkRoot(rootPath)
        var found: [EntryMetadata] = []
        try collectEntries(components: prefix?.components ?? [], into: &found)
        return found.sorted { $0.entry < $1.entry }
    }

    /// Removes what crashed writers left behind in every entry: temporary files and version files no label
    /// points at. Each entry is cleaned under its exclusive lock. Writers also do this for their own entry, so
    /// calling it is optional; it keeps a store tidy after a crash.
    ///
    /// - Returns: The number of files removed.
    /// - Throws: ``SecretStoreError`` when an entry stays locked or cannot be cleaned.
    @discardableResult
    public func removeLeftovers() async throws -> Int {
        try Self.checkRoot(rootPath)
        var removed = 0
        for components in try bookkeepingFolders(below: []) {
            let entry = try SecretEntryPath(components: components)
            removed += try await withExclusiveEntry(entry, createIfMissing: false) { _, _ in 0 }.removed
        }
        return removed
    }

    // MARK: - Entry access

    private func directory(for entry: SecretEntryPath) -> String {
        rootPath + "/" + entry.rawValue
    }

    private func readIndex(entry: SecretEntryPath, directory: String) throws -> EntryIndex? {
        guard let data = try DurableFileSystem.readFile(directory + "/" + FileStoreLayout.labelsFileName) else {
            return nil
        }
        return try StoreCoding.decodeIndex(data, entry: entry)
    }

    private func withExclusiveEntry<Result>(
        _ entry: SecretEntryPath,
        createIfMissing: Bool,
        _ body: (String, EntryIndex?) throws -> Result
    ) async throws -> (result: Result, removed: Int) {
        try Self.checkRoot(rootPath)
        let folder = directory(for: entry)
        if createIfMissing {
            try DurableFileSystem.makeDirectoryChain(root: rootPath, components: entry.components)
        } else if !DurableFileSystem.isDirectory(folder) {
            throw SecretStoreError.entryNotFound(entry)
        }
        let lock = try await EntryFileLock.acquire(
            directory: folder, entry: entry, exclusive: true, timeout: lockTimeout)
        let index = try readIndex(entry: entry, directory: folder)
        let removed = try removeLeftovers(in: folder, keeping: index?.referencedVersions ?? [])
        let result = try body(folder, index)
        _ = consume lock
        return (result, removed)
    }

    private func withExclusiveEntry<Result>(
        _ entry: SecretEntryPath,
        createIfMissing: Bool,
        _ body: (String, EntryIndex?) throws -> Result
    ) async throws -> Result {
        let outcome: (result: Result, removed: Int) = try await withExclusiveEntry(
            entry, createIfMissing: createIfMissing, body)
        return outcome.result
    }

    /// Writes the new labels file, then deletes the versions no label points at any more.
    private func commit(_ transition: EntryIndex.Transition, in folder: String) throws {
        try DurableFileSystem.writeAtomically(
            StoreCoding.encode(transition.index), directory: folder, name: FileStoreLayout.labelsFileName)
        guard !transition.obsoleteVersions.isEmpty else { return }
        for version in transition.obsoleteVersions {
            try DurableFileSystem.removeFile(folder + "/" + FileStoreLayout.versionFileName(version))
        }
        try DurableFileSystem.syncDirectory(folder)
    }

    private func removeLeftovers(in folder: String, keeping referenced: Set<Int>) throws -> Int {
        var removed = 0
        for name in try DurableFileSystem.directoryNames(folder) ?? [] {
            let isTemporary = name.hasPrefix(FileStoreLayout.temporaryFilePrefix)
            let isUnreferenced = FileStoreLayout.version(fromFileName: name).map { !referenced.contains($0) } ?? false
            if isTemporary || isUnreferenced {
                try DurableFileSystem.removeFile(folder + "/" + name)
                removed += 1
            }
        }
        if removed > 0 { try DurableFileSystem.syncDirectory(folder) }
        return removed
    }

    // MARK: - Walking the tree

    private func collectEntries(components: [String], into found: inout [EntryMetadata]) throws {
        let folder = ([rootPath] + components).joined(separator: "/")
        guard let names = try DurableFileSystem.directoryNames(folder) else { return }
        if !components.isEmpty, names.contains(FileStoreLayout.labelsFileName) {
            let entry = try SecretEntryPath(components: components)
            if let index = try readIndex(entry: entry, directory: folder) {
                found.append(index.metadata(for: entry))
            }
        }
        for name in names where isNestedEntryFolder(name, in: folder) {
            try collectEntries(components: components + [name], into: &found)
        }
    }

    private func bookkeepingFolders(below components: [String]) throws -> [[String]] {
        let folder = ([rootPath] + components).joined(separator: "/")
        guard let names = try DurableFileSystem.directoryNames(folder) else { return [] }
        var folders: [[String]] = []
        if !components.isEmpty, names.contains(where: FileStoreLayout.isBookkeeping) {
            folders.append(components)
        }
        for name in names where isNestedEntryFolder(name, in: folder) {
            folders += try bookkeepingFolders(below: components + [name])
        }
        return folders
    }

    private func isNestedEntryFolder(_ name: String, in folder: String) -> Bool {
        !FileStoreLayout.isBookkeeping(name) && SecretEntryPath.problem(with: name) == nil
            && DurableFileSystem.isDirectory(folder + "/" + name)
    }

    // MARK: - The root directory

    private static func createRootIfMissing(_ path: String) throws {
        guard !DurableFileSystem.exists(path) else { return }
        var missing: [String] = []
        var cursor = path
        while !cursor.isEmpty, cursor != "/", !DurableFileSystem.exists(cursor) {
            missing.append(cursor)
            cursor = (cursor as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            if try DurableFileSystem.makeDirectory(folder) {
                try DurableFileSystem.syncDirectory((folder as NSString).deletingLastPathComponent)
            }
        }
    }

    /// Refuses a root that is not a directory, belongs to someone else, or is open to group or others.
    static func checkRoot(_ path: String) throws(SecretStoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .fileSystem(operation: "stat", path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
        guard info.st_uid == geteuid() else { throw .storeDirectoryNotOwned(path: path, ownerUID: info.st_uid) }
        guard info.st_mode & 0o077 == 0 else {
            throw .insecureStoreDirectory(path: path, mode: UInt32(info.st_mode & 0o7777))
        }
    }
}
