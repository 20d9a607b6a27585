/// The categories of finding that `drift` reports.
public enum DriftBucket: String, Sendable, Hashable, Codable, CaseIterable {
    /// Declared but absent.
    case missing
    /// Field differences.
    case changed
    /// Live objects no manifest owns or adopts.
    case unmanaged
    /// Live objects carrying a dfnsops marker that no store entry records: nothing proves dfnsops made them.
    case foreignMarker = "foreign-marker"
    /// Key credentials on managed principals that dfnsops did not register.
    case unmanagedCredential = "unmanaged-credential"
    /// Older than `maxAge`.
    case rotationOverdue = "rotation-overdue"
    /// Tokens whose validity ends soon.
    case expiring
    /// The store's current key is not an active credential, or a managed principal has no store entry.
    case storeMismatch = "store-mismatch"
    /// Declared active, found inactive.
    case inactive
    /// Users outside a passkey policy.
    case passkeyPolicy = "passkey-policy"
}
