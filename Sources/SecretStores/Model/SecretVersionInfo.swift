import Foundation

/// The non-secret description of one stored version: its number, creation time, fingerprint, kind and
/// metadata. Safe to print, log and put in plans.
public struct SecretVersionInfo: Sendable, Hashable, Codable {
    /// The version number, unique within its entry and increasing with every write.
    public var version: Int
    /// When the version was written, to whole seconds.
    public var createdAt: Date
    /// The fingerprint of the material (see ``SecretFingerprint``).
    public var fingerprint: String
    /// The kind of material the version holds.
    public var kind: SecretMaterial.Kind
    /// Non-secret facts recorded with the version.
    public var metadata: SecretVersionMetadata

    /// Creates a version description.
    ///
    /// - Parameters:
    ///   - version: The version number.
    ///   - createdAt: When the version was written.
    ///   - fingerprint: The fingerprint of the material.
    ///   - kind: The kind of material.
    ///   - metadata: Non-secret facts recorded with the version.
    public init(
        version: Int,
        createdAt: Date,
        fingerprint: String,
        kind: SecretMaterial.Kind,
        metadata: SecretVersionMetadata
    ) {
        self.version = version
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.kind = kind
        self.metadata = metadata
    }
}
