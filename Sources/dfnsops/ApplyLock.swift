import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A per-organisation advisory lock (flock) held for a whole apply, so that two applies never interleave.
///
/// The lock file records its holder (process id, host, start time) so that a waiting apply can name it.
final class ApplyLock {
    private let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock at `path`, waiting up to `timeout`; calls `waiting` once with the holder's description.
    static func acquire(path: String, timeout: Duration, waiting: (String) -> Void) async throws -> ApplyLock {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ApplyLockError(message: "cannot open the apply lock \(path): \(String(cString: strerror(errno)))")
        }
        let started = ContinuousClock.now
        let deadline = started + timeout
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // The holder writes its name just after taking the lock; give it a moment before naming nobody.
            var holder = Self.holder(descriptor)
            if holder == nil, ContinuousClock.now < started + .seconds(1) {
                try await Task.sleep(for: .milliseconds(20))
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
            try await Task.sleep(for: .milliseconds(200))
        }
        let info =
            "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))"
        _ = ftruncate(descriptor, 0)
        _ = lseek(descriptor, 0, SEEK_SET)
        _ = info.withCString { write(descriptor, $0, strlen($0)) }
        return ApplyLock(descriptor: descriptor, path: path)
    }

    /// What the lock file says about its holder, or nil when it says nothing (yet).
    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Releases the lock.
    func release() {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The apply lock could not be taken.
struct ApplyLockError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
