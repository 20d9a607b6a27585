import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls the file store is built on, with explicit modes (independent of the umask), `O_NOFOLLOW`,
/// `fsync` of files and directories, and errors reported as ``SecretStoreError/fileSystem(operation:path:errno:)``.
enum DurableFileSystem {
    /// The mode of every file the store creates.
    static let fileMode: mode_t = 0o600
    /// The mode of every folder the store creates.
    static let directoryMode: mode_t = 0o700

    /// Creates a directory with mode 0700 unless it exists.
    ///
    /// - Returns: `true` when the directory was created (the caller must then fsync its parent).
    @discardableResult
    static func makeDirectory(_ path: String) throws(SecretStoreError) -> Bool {
        if mkdir(path, directoryMode) == 0 {
            guard chmod(path, directoryMode) == 0 else { throw failure("chmod", path) }
            return true
        }
        let code = errno
        guard code == EEXIST else { throw .fileSystem(operation: "mkdir", path: path, errno: code) }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw failure("lstat", path) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(path: path) }
        return false
    }

    /// Creates `root/components...` one folder at a time, fsyncing each parent that gained a folder.
    static func makeDirectoryChain(root: String, components: [String]) throws(SecretStoreError) {
        var parent = root
        for component in components {
            let path = parent + "/" + component
            if try makeDirectory(path) { try syncDirectory(parent) }
            parent = path
        }
    }

    /// Flushes a directory's entries (new, renamed or removed names) to disk.
    static func syncDirectory(_ path: String) throws(SecretStoreError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
    }

    /// Replaces `directory/name` with `data` atomically and durably: the bytes go to a temporary file (mode
    /// 0600, created exclusively) that is fsynced, renamed over the target, and the directory is fsynced.
    /// A reader sees the old file or the new one, never a torn one.
    static func writeAtomically(_ data: Data, directory: String, name: String) throws(SecretStoreError) {
        let temporaryPath = directory + "/" + FileStoreLayout.temporaryFilePrefix + UUID().uuidString
        let targetPath = directory + "/" + name
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
        let descriptor = open(temporaryPath, flags, fileMode)
        guard descriptor >= 0 else { throw failure("open", temporaryPath) }
        do throws(SecretStoreError) {
            guard fchmod(descriptor, fileMode) == 0 else { throw failure("fchmod", temporaryPath) }
            try writeAll(data, to: descriptor, path: temporaryPath)
            guard fsync(descriptor) == 0 else { throw failure("fsync", temporaryPath) }
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard close(descriptor) == 0 else {
            let closeFailure = failure("close", temporaryPath)
            unlink(temporaryPath)
            throw closeFailure
        }
        guard rename(temporaryPath, targetPath) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .fileSystem(operation: "rename", path: targetPath, errno: code)
        }
        try syncDirectory(directory)
    }

    /// Writes every byte of `data`, retrying after short writes and interruptions.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(SecretStoreError) {
        let outcome: Int32? = data.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let code = outcome { throw .fileSystem(operation: "write", path: path, errno: code) }
    }

    /// Reads a whole regular file without following symbolic links.
    ///
    /// - Returns: The contents, or `nil` when the file does not exist.
    static func readFile(_ path: String) throws(SecretStoreError) -> Data? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("open", path)
        }
        defer { close(descriptor) }
        var contents = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
        }
        chunk.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { memset(base, 0, buffer.count) }
        }
        return contents
    }

    /// Removes a file; a missing file is not an error.
    static func removeFile(_ path: String) throws(SecretStoreError) {
        if unlink(path) != 0 && errno != ENOENT { throw failure("unlink", path) }
    }

    /// Lists a directory's names (without `.` and `..`).
    ///
    /// - Returns: The names, or `nil` when the directory does not exist.
    static func directoryNames(_ path: String) throws(SecretStoreError) -> [String]? {
        guard let stream = opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("opendir", path)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let record = readdir(stream) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Tells whether a path is a real directory (not a symbolic link to one).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Tells whether a path exists.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func failure(_ operation: String, _ path: String) -> SecretStoreError {
        .fileSystem(operation: operation, path: path, errno: errno)
    }
}
