import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory `flock` on an entry's `@lock` file, held until this value is dropped.
///
/// Exclusive locks serialise writers across processes (and across stores in one process, since each
/// acquisition opens its own file description); shared locks let readers see a labels record and the version
/// it names together. Waiting polls with `LOCK_NB`, so no thread blocks inside `flock`.
struct EntryFileLock: ~Copyable {
    private let descriptor: Int32

    /// Opens (creating if needed, mode 0600) and locks an entry's lock file.
    ///
    /// - Parameters:
    ///   - directory: The entry's folder, which must exist.
    ///   - entry: The entry, for error messages.
    ///   - exclusive: `true` for a writer's lock, `false` for a reader's.
    ///   - timeout: How long to wait for another process to release the lock.
    static func acquire(
        directory: String,
        entry: SecretEntryPath,
        exclusive: Bool,
        timeout: Duration
    ) async throws -> EntryFileLock {
        let path = directory + "/" + FileStoreLayout.lockFileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, DurableFileSystem.fileMode)
        guard descriptor >= 0 else { throw SecretStoreError.fileSystem(operation: "open", path: path, errno: errno) }
        let lock = EntryFileLock(descriptor: descriptor)
        guard fchmod(descriptor, DurableFileSystem.fileMode) == 0 else {
            throw SecretStoreError.fileSystem(operation: "fchmod", path: path, errno: errno)
        }
        let operation = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause = Duration.milliseconds(1)
        while flock(descriptor, operation) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                throw SecretStoreError.fileSystem(operation: "flock", path: path, errno: code)
            }
            guard clock.now < deadline else {
                throw SecretStoreError.entryLocked(entry, waited: timeout)
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
        return lock
    }

    deinit {
        close(descriptor)
    }
}
