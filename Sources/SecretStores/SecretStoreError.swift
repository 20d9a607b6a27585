import Foundation

/// Everything that can go wrong in a secret store, each described with what to do about it.
///
/// No case carries a secret value: messages name entries, stages, paths and commands only.
public enum SecretStoreError: Error, Sendable, Equatable {
    /// An entry path breaks the naming rules.
    case invalidEntryPath(String, reason: String)
    /// A private key was written without the fingerprint of its public key.
    case missingFingerprint(SecretEntryPath)
    /// A fingerprint is not `sha256:` followed by 16 lowercase hex digits.
    case malformedFingerprint(SecretEntryPath, fingerprint: String)
    /// The fingerprint given for a webhook secret does not match the secret.
    case fingerprintMismatch(SecretEntryPath, given: String, computed: String)
    /// Material has an empty value.
    case emptyMaterial(SecretEntryPath)
    /// The entry does not exist.
    case entryNotFound(SecretEntryPath)
    /// The entry has no version with this stage label.
    case stageNotFound(SecretEntryPath, SecretStage)
    /// The store directory is readable or writable by group or others.
    case insecureStoreDirectory(path: String, mode: UInt32)
    /// The store directory belongs to another user.
    case storeDirectoryNotOwned(path: String, ownerUID: UInt32)
    /// The store path exists and is not a directory.
    case notADirectory(path: String)
    /// A file-system call failed.
    case fileSystem(operation: String, path: String, errno: Int32)
    /// Another process held the entry's lock for longer than the lock timeout.
    case entryLocked(SecretEntryPath, waited: Duration)
    /// Stored data for an entry cannot be decoded.
    case corruptEntry(SecretEntryPath, detail: String)
    /// The plugin command could not be started.
    case pluginLaunchFailed(command: String, reason: String)
    /// The plugin exited with a non-zero status or was killed by a signal.
    /// Its stderr is not part of the error: a plugin may print anything there, values included, so it goes to the
    /// store's diagnostics handler (the debug log) only.
    case pluginFailed(command: String, operation: String, status: String, stderrBytes: Int)
    /// The plugin did not finish within the timeout and was killed.
    case pluginTimedOut(command: String, operation: String, timeout: Duration)
    /// The plugin's reply on stdout was not the JSON the protocol expects.
    case pluginBadReply(command: String, operation: String, detail: String)
    /// The store was opened for metadata only (``MetadataOnlySecretStore``): values are neither read nor written.
    case metadataOnly(SecretEntryPath, operation: String)
    /// The export target already exists.
    case exportTargetExists(path: String)
    /// The requested field is not part of this kind of material.
    case exportFieldUnavailable(field: String, kind: SecretMaterial.Kind)
}

extension SecretStoreError: CustomStringConvertible, LocalizedError {
    /// One or two sentences: what is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case .metadataOnly(let entry, let operation):
            return
                "cannot \(operation) `\(entry)`: this command reads store metadata only (stages, fingerprints, "
                + "recorded ids) and never a secret value"
        case .invalidEntryPath(let path, let reason):
            return
                "invalid secret entry path `\(path)`: \(reason); use a relative path such as `service-accounts/payments-signer`"
        case .missingFingerprint(let entry):
            return
                "cannot write a private key to `\(entry)` without its public-key fingerprint; pass `sha256:` + 16 hex digits of SHA-256 over the public key's SPKI DER"
        case .malformedFingerprint(let entry, let fingerprint):
            return
                "fingerprint `\(fingerprint)` for `\(entry)` is malformed; expected `sha256:` followed by 16 lowercase hex digits"
        case .fingerprintMismatch(let entry, let given, let computed):
            return
                "fingerprint \(given) given for the webhook secret in `\(entry)` does not match the secret (\(computed)); pass nil to let the store compute it"
        case .emptyMaterial(let entry):
            return "refusing to store an empty secret value in `\(entry)`"
        case .entryNotFound(let entry):
            return "secret entry `\(entry)` does not exist; run `dfnsops secrets list` to see the entries in this store"
        case .stageNotFound(let entry, let stage):
            return "secret entry `\(entry)` has no `\(stage)` version; run `dfnsops secrets list` to see its stages"
        case .insecureStoreDirectory(let path, let mode):
            return
                "secret store directory \(path) is accessible by group or others (mode \(Self.octal(mode))); run `chmod 700 \(path)` and try again"
        case .storeDirectoryNotOwned(let path, let ownerUID):
            return
                "secret store directory \(path) belongs to uid \(ownerUID), not to the user running dfnsops (uid \(getuid())); use a directory you own"
        case .notADirectory(let path):
            return "secret store path \(path) exists but is not a directory; point the store at a directory"
        case .fileSystem(let operation, let path, let code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .entryLocked(let entry, let waited):
            return
                "secret entry `\(entry)` is locked by another dfnsops process (waited \(waited)); wait for it to finish and try again"
        case .corruptEntry(let entry, let detail):
            return "secret entry `\(entry)` cannot be read: \(detail); restore the entry's folder from a backup"
        case .pluginLaunchFailed(let command, let reason):
            return "cannot start secret-store plugin \(command): \(reason); check the store's `command` setting"
        case .pluginFailed(let command, let operation, let status, let stderrBytes):
            let detail =
                stderrBytes == 0
                ? "no output on stderr"
                : "its stderr (\(stderrBytes) bytes) is not shown here, since a plugin may print values there; set "
                    + "DFNSOPS_LOG_LEVEL=debug to see it in the debug log"
            return "secret-store plugin \(command) failed on `\(operation)` (\(status)); \(detail)"
        case .pluginTimedOut(let command, let operation, let timeout):
            return
                "secret-store plugin \(command) did not answer `\(operation)` within \(timeout) and was killed; check that its backend is reachable or raise the store's timeout"
        case .pluginBadReply(let command, let operation, let detail):
            return
                "secret-store plugin \(command) replied to `\(operation)` with output that is not the expected JSON: \(detail); see docs/secret-stores.md"
        case .exportTargetExists(let path):
            return "refusing to overwrite \(path); choose a path that does not exist yet"
        case .exportFieldUnavailable(let field, let kind):
            return "a \(kind) entry has no `\(field)` to export"
        }
    }

    /// The same text as ``description``, so `localizedDescription` shows it too.
    public var errorDescription: String? { description }

    private static func octal(_ mode: UInt32) -> String {
        let text = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
