/// What dfnsops may do to a declared object.
public enum ManagementMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Create, update, rotate and (with a prune policy) retire it. The default.
    case managed
    /// Report differences only; never change it.
    case observe
    /// No updates or rotation; still reported.
    case frozen
}
