import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and atomically writes the `--state` file: temporary file, fsync, rename.
struct StateFile: Sendable {
    /// The state file's path.
    let path: String

    /// Loads the state, or nil when the file does not exist yet.
    /// - Throws: `EmulatorStartupError` when the file exists but is not a state file.
    func load() throws -> EmulatorState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try EmulatorState.decoder.decode(EmulatorState.self, from: data)
        } catch {
            throw EmulatorStartupError(
                "cannot read the state file \(path): \(error). Delete it to start afresh, or point --state elsewhere")
        }
    }

    /// Writes the state so that a crash leaves either the old file or the new one, never a torn one.
    /// - Throws: `EmulatorStartupError` naming the step that failed.
    func save(_ state: EmulatorState) throws {
        let data = try EmulatorState.encoder.encode(state)
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw EmulatorStartupError("cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
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
        syncDirectory()
    }

    /// Flushes the directory entry so that the rename itself survives a crash.
    private func syncDirectory() {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
