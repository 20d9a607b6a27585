import Foundation

/// What one run observed about a rotating principal: its live generations and its store stages.
///
/// A *generation* is a live credential (service accounts and PATs) or a twin webhook. Each is
/// matched to a store version by `matchKey`: the public-key fingerprint for keys, the webhook id
/// for webhook secrets.
public struct RotationFacts: Sendable, Hashable {
    /// One live generation.
    public struct LiveGeneration: Sendable, Hashable {
        public var generation: Int
        public var matchKey: String
        public var isActive: Bool
        public var created: Date
    }

    /// One version in the secret store, by stage.
    public struct StoredVersion: Sendable, Hashable {
        public var matchKey: String
        public var created: Date
    }

    public var live: [LiveGeneration]
    public var pending: StoredVersion?
    public var current: StoredVersion?
    public var previous: StoredVersion?

    public init(
        live: [LiveGeneration], pending: StoredVersion? = nil, current: StoredVersion? = nil,
        previous: StoredVersion? = nil
    ) {
        self.live = live
        self.pending = pending
        self.current = current
        self.previous = previous
    }
}
