import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files that hold secrets (the operator's key and token, the state with every token): a temporary file
/// created `O_EXCL | O_NOFOLLOW` with mode 0600 from the first byte — whatever the umask or the directory's mode,
/// and never through a link someone planted — written, flushed, then renamed over the target.
enum PrivateFile {
    /// Writes `data` to `path` atomically; a crash leaves the old file or the new one, never a torn one.
    /// - Throws: `EmulatorStartupError` naming the step that failed.
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        // A leftover of a crashed run (or anything planted there) goes first; unlink does not follow links.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EmulatorStartupError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        // The umask can only take bits away from 0600, but a 0600 file is what is wanted whatever it is.
        if fchmod(descriptor, 0o600) != 0 {
            failure = "cannot set the mode of \(temporary): \(String(cString: strerror(errno)))"
        }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while failure == nil, offset < buffer.count, let base = buffer.baseAddress {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write \(temporary): \(String(cString: strerror(errno)))"
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = "cannot fsync \(temporary): \(String(cString: strerror(errno)))"
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw EmulatorStartupError(failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw EmulatorStartupError("cannot rename \(temporary) to \(path): \(reason)")
        }
        syncDirectory(of: path)
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
        #else
            Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// Flushes the directory entry so that the rename itself survives a crash.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
