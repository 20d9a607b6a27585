import Foundation

/// Non-secret facts recorded with a version, so that rotation can match store versions to live Dfns objects
/// without reading values.
public struct SecretVersionMetadata: Sendable, Hashable, Codable {
    /// The Dfns credential id registered for the key, when known.
    public var credentialId: String?
    /// The rotation generation of the key or secret (`dfnsops:<kind>/<name>#<generation>`).
    public var generation: Int?
    /// The id of the Dfns principal (service account, PAT or webhook) the material belongs to.
    public var principalId: String?
    /// The manifest's `rotation.trigger` value when this version was made; a changed value forces a rotation.
    public var trigger: String?
    /// Set on a version `dfnsops rollback` made current again: its rotation is held (absent in data written
    /// before holds existed, which decodes as no hold).
    public var hold: RotationHold?
    /// When the live generation of this version was retired (its credential deactivated or deleted in Dfns), once
    /// dfnsops retired it; nil while it is in use, and in data written before this was recorded.
    public var retiredAt: Date?

    /// Creates version metadata.
    ///
    /// - Parameters:
    ///   - credentialId: The Dfns credential id, when known.
    ///   - generation: The rotation generation.
    ///   - principalId: The id of the owning Dfns principal.
    ///   - trigger: The manifest's rotation trigger value at the time.
    ///   - hold: The rotation hold a rollback recorded.
    ///   - retiredAt: When the version's live generation was retired.
    public init(
        credentialId: String? = nil, generation: Int? = nil, principalId: String? = nil, trigger: String? = nil,
        hold: RotationHold? = nil, retiredAt: Date? = nil
    ) {
        self.credentialId = credentialId
        self.generation = generation
        self.principalId = principalId
        self.trigger = trigger
        self.hold = hold
        self.retiredAt = retiredAt
    }
}
