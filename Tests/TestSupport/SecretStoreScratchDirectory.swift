import Foundation

/// A private temporary directory (mode 0700) for secret-store tests; ``remove()`` deletes it and everything in it.
public struct SecretStoreScratchDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates a fresh directory under the system's temporary directory.
    ///
    /// - Parameter label: A word in the directory's name, to tell test leftovers apart.
    /// - Throws: `CocoaError` when the directory cannot be created.
    public init(label: String = "secret-store") throws {
        var template = Array((NSTemporaryDirectory() + "/dfnsops-\(label)-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else { throw CocoaError(.fileWriteUnknown) }
        chmod(created, 0o700)
        self.path = created
    }

    /// The path of a name inside the directory.
    ///
    /// - Parameter name: A relative path.
    /// - Returns: The absolute path.
    public func appending(_ name: String) -> String {
        path + "/" + name
    }

    /// Deletes the directory and its contents.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
