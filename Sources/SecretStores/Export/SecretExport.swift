import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands one secret value over, for `dfnsops secrets export`: to a new file that nobody else can read, or as
/// text for the CLI to print (which it does only when stdout is not a terminal and `--yes` was given).
public enum SecretExport {
    /// Picks one field of the material.
    ///
    /// - Parameters:
    ///   - material: The material read from the store.
    ///   - field: The field to export; `nil` for the kind's default (the key's PEM, or the webhook secret).
    /// - Returns: The value, exactly as stored.
    /// - Throws: ``SecretStoreError/exportFieldUnavailable(field:kind:)`` when the material has no such field.
    public static func value(of material: SecretMaterial, field: SecretExportField? = nil) throws -> String {
        let chosen = field ?? .defaultField(for: material.kind)
        let value: String? =
            switch chosen {
            case .privateKey: material.privateKeyPEM
            case .token: material.token
            case .webhookSecret: material.webhookSecret
            }
        guard let value else {
            throw SecretStoreError.exportFieldUnavailable(field: chosen.rawValue, kind: material.kind)
        }
        return value
    }

    /// Writes one field of the material to a file that must not exist yet, created with mode 0600 (whatever
    /// the umask), `O_EXCL` and `O_NOFOLLOW`, and fsynced before returning. The value is written exactly as
    /// stored, with no newline added.
    ///
    /// - Parameters:
    ///   - material: The material read from the store.
    ///   - field: The field to export; `nil` for the kind's default.
    ///   - path: The file to create.
    /// - Throws: ``SecretStoreError/exportTargetExists(path:)`` when the path exists (it is never
    ///   overwritten), ``SecretStoreError/exportFieldUnavailable(field:kind:)``, or a file-system error (the
    ///   partial file is removed).
    public static func writeToNewFile(
        _ material: SecretMaterial,
        field: SecretExportField? = nil,
        path: String
    ) throws {
        let value = try value(of: material, field: field)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, DurableFileSystem.fileMode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw SecretStoreError.exportTargetExists(path: path) }
            throw SecretStoreError.fileSystem(operation: "open", path: path, errno: errno)
        }
        do throws(SecretStoreError) {
            guard fchmod(descriptor, DurableFileSystem.fileMode) == 0 else {
                throw .fileSystem(operation: "fchmod", path: path, errno: errno)
            }
            try DurableFileSystem.writeAll(Data(value.utf8), to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw .fileSystem(operation: "fsync", path: path, errno: errno) }
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
        guard close(descriptor) == 0 else {
            let failure = SecretStoreError.fileSystem(operation: "close", path: path, errno: errno)
            unlink(path)
            throw failure
        }
    }
}
