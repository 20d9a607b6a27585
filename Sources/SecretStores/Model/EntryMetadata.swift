/// The non-secret state of one secret-store entry: which version carries which stage label.
public struct EntryMetadata: Sendable, Hashable, Codable {
    /// The entry described.
    public var entry: SecretEntryPath
    /// The version labelled `pending`, if any.
    public var pending: SecretVersionInfo?
    /// The version labelled `current`, if any.
    public var current: SecretVersionInfo?
    /// The version labelled `previous`, if any.
    public var previous: SecretVersionInfo?

    /// Creates entry metadata.
    ///
    /// - Parameters:
    ///   - entry: The entry described.
    ///   - pending: The pending version, if any.
    ///   - current: The current version, if any.
    ///   - previous: The previous version, if any.
    public init(
        entry: SecretEntryPath,
        pending: SecretVersionInfo? = nil,
        current: SecretVersionInfo? = nil,
        previous: SecretVersionInfo? = nil
    ) {
        self.entry = entry
        self.pending = pending
        self.current = current
        self.previous = previous
    }

    /// The version carrying a stage label, if any.
    ///
    /// - Parameter stage: The stage to look up.
    public subscript(stage: SecretStage) -> SecretVersionInfo? {
        get {
            switch stage {
            case .pending: pending
            case .current: current
            case .previous: previous
            }
        }
        set {
            switch stage {
            case .pending: pending = newValue
            case .current: current = newValue
            case .previous: previous = newValue
            }
        }
    }

    /// The labelled versions, in the order pending, current, previous.
    public var stagedVersions: [(stage: SecretStage, version: SecretVersionInfo)] {
        SecretStage.allCases.compactMap { stage in self[stage].map { (stage, $0) } }
    }
}
