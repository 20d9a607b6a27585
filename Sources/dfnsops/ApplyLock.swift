import DfnsAPI
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc

    /// `struct stat`, spelled with its module: NIO's C shims declare one too.
    private typealias FileStatus = Glibc.stat
#elseif canImport(Darwin)
    import Darwin

    private typealias FileStatus = Darwin.stat
#endif

/// A lock held for a whole apply, so that two applies to one organisation never interleave.
///
/// ``FileApplyLock`` (flock, one machine) is the only backend today; a shared one (a database advisory lock, so
/// that applies from several machines serialise) implements the same two calls.
protocol ApplyLocking: AnyObject {
    /// Where the lock lives (a path, or a backend and key), for messages and the apply report. Names no secret.
    var location: String { get }

    /// Takes the lock, waiting up to `timeout`; calls `waiting` once with the holder's description when another
    /// run holds it.
    /// - Throws: ``ApplyLockError`` when the lock cannot be taken, or is still held after `timeout`.
    func acquire(timeout: Duration, waiting: (String) -> Void) async throws

    /// Releases the lock; does nothing when it is not held.
    func release()
}

/// An advisory lock (flock) on a file, which records its holder (process id, host, start time) so that a waiting
/// apply can name it.
///
/// The file is opened with `O_NOFOLLOW` and checked (`fstat`) to be a regular file the current user owns, with
/// no other link, before anything is written to it: a lock path that is a symbolic link, a directory or a FIFO is
/// refused and whatever it points to is left untouched.
final class FileApplyLock: ApplyLocking {
    let path: String
    private var descriptor: Int32 = -1

    var location: String { path }

    /// The lock at `path`; its directory must exist (see ``ApplyLockDirectory``).
    init(path: String) {
        self.path = path
    }

    func acquire(timeout: Duration, waiting: (String) -> Void) async throws {
        precondition(descriptor < 0, "the apply lock \(path) is already held")
        let descriptor = try Self.openLockFile(path)
        let started = ContinuousClock.now
        let deadline = started + timeout
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // The holder writes its name just after taking the lock; give it a moment before naming nobody.
            var holder = Self.holder(descriptor)
            if holder == nil, ContinuousClock.now < started + .seconds(1) {
                try await Self.pause(.milliseconds(20), closing: descriptor)
                holder = Self.holder(descriptor)
                if holder == nil { continue }
            }
            let name = holder ?? "holder unknown"
            guard ContinuousClock.now < deadline else {
                close(descriptor)
                throw ApplyLockError(
                    message: "another apply holds the lock \(path) (\(name)); gave up after waiting "
                        + "\(timeout). Re-run when it has finished, or raise --lock-timeout.")
            }
            if !announced {
                waiting(name)
                announced = true
            }
            try await Self.pause(.milliseconds(200), closing: descriptor)
        }
        let info =
            "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))"
        _ = ftruncate(descriptor, 0)
        _ = lseek(descriptor, 0, SEEK_SET)
        _ = info.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// Opens (creating, mode 0600) the lock file without following a symbolic link, and checks what was opened.
    private static func openLockFile(_ path: String) throws -> Int32 {
        // O_NONBLOCK: a FIFO planted at the path must not hang the open; it changes nothing for a regular file.
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw ApplyLockError(
                    message: "refusing the apply lock \(path): it is a symbolic link, and dfnsops does not follow "
                        + "links there (what it points to was not opened or changed). Remove the link.")
            }
            throw ApplyLockError(message: "cannot open the apply lock \(path): \(String(cString: strerror(code)))")
        }
        var status = FileStatus()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw ApplyLockError(message: "cannot inspect the apply lock \(path): \(String(cString: strerror(code)))")
        }
        let problem: String? =
            if status.st_mode & S_IFMT != S_IFREG {
                "it is not a regular file"
            } else if status.st_uid != getuid() {
                "it belongs to user \(status.st_uid), not to you (\(getuid()))"
            } else if status.st_nlink != 1 {
                "it has \(status.st_nlink) hard links, so writing to it would change another file"
            } else {
                nil
            }
        if let problem {
            close(descriptor)
            throw ApplyLockError(
                message: "refusing the apply lock \(path): \(problem). dfnsops left it untouched; remove it.")
        }
        return descriptor
    }

    /// Sleeps, closing `descriptor` when the task is cancelled.
    private static func pause(_ duration: Duration, closing descriptor: Int32) async throws {
        do {
            try await Task.sleep(for: duration)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// What the lock file says about its holder, or nil when it says nothing (yet).
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }
}

/// Where the apply lock of an organisation lives, and what it is called.
///
/// The name is derived from the organisation, not the working directory, so that every apply to one organisation
/// on this machine (from any checkout) takes the same lock: `org-<digest of the org id>` from the operator token's
/// claims, or `api-<digest of the API URL>` when the token names no organisation. Only digests appear in the path:
/// never the token, nor the org id itself.
enum ApplyLockDirectory {
    /// The lock file for the organisation the operator's token belongs to, in the per-user lock directory
    /// (created when missing).
    /// - Throws: ``ApplyLockError`` when the directory cannot be made, or is not a private directory of the user.
    static func lockPath(
        token: String, baseURL: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        try directory(environment: environment) + "/" + lockName(token: token, baseURL: baseURL) + ".lock"
    }

    /// `org-<16 hex digits>` or `api-<16 hex digits>`.
    static func lockName(token: String, baseURL: URL) -> String {
        if let organisation = TokenExpiry.organisation(jwt: token) {
            return "org-" + digest(organisation)
        }
        var url = baseURL.absoluteString.lowercased()
        while url.hasSuffix("/") { url.removeLast() }
        return "api-" + digest(url)
    }

    private static func digest(_ text: String) -> String {
        String(Fingerprint.of(Array(text.utf8)).dropFirst(Fingerprint.prefix.count))
    }

    /// `$XDG_RUNTIME_DIR/dfnsops/locks` when that is set, else `${TMPDIR:-/tmp}/dfnsops-<uid>/locks`; each
    /// directory dfnsops makes is created mode 0700 and checked to be a directory (not a link) that the user owns
    /// and nobody else can write to.
    static func directory(environment: [String: String]) throws -> String {
        func absolute(_ name: String) -> String? {
            guard let value = environment[name], value.hasPrefix("/") else { return nil }
            var path = value
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return path
        }
        let base =
            if let runtime = absolute("XDG_RUNTIME_DIR") {
                runtime + "/dfnsops"
            } else {
                (absolute("TMPDIR") ?? "/tmp") + "/dfnsops-\(getuid())"
            }
        let locks = base + "/locks"
        try makePrivateDirectory(base)
        try makePrivateDirectory(locks)
        return locks
    }

    private static func makePrivateDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0, case let code = errno, code != EEXIST {
            throw ApplyLockError(
                message: "cannot create the apply lock directory \(path): \(String(cString: strerror(code)))")
        }
        var status = FileStatus()
        guard lstat(path, &status) == 0 else {
            let code = errno
            throw ApplyLockError(
                message: "cannot inspect the apply lock directory \(path): \(String(cString: strerror(code)))")
        }
        let problem: String? =
            if status.st_mode & S_IFMT == S_IFLNK {
                "it is a symbolic link"
            } else if status.st_mode & S_IFMT != S_IFDIR {
                "it is not a directory"
            } else if status.st_uid != getuid() {
                "it belongs to user \(status.st_uid), not to you (\(getuid()))"
            } else if status.st_mode & 0o022 != 0 {
                "other users can write to it (mode \(String(status.st_mode & 0o777, radix: 8)))"
            } else {
                nil
            }
        if let problem {
            throw ApplyLockError(
                message: "refusing the apply lock directory \(path): \(problem). Remove it (dfnsops makes it again, "
                    + "mode 0700), or set XDG_RUNTIME_DIR to a private directory.")
        }
    }
}

/// The apply lock could not be taken.
struct ApplyLockError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
