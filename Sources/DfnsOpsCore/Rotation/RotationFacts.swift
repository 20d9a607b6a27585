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
        /// The Dfns id a retire acts on: a credential's uuid, or the principal's or webhook's id.
        public var objectId: String?

        public init(generation: Int, matchKey: String, isActive: Bool, created: Date, objectId: String? = nil) {
            self.generation = generation
            self.matchKey = matchKey
            self.isActive = isActive
            self.created = created
            self.objectId = objectId
        }
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

    /// The generations a retire step takes away once `current` is the generation in use: every active one below
    /// it. Plan and apply both ask this, so the plan lists exactly what apply retires.
    public func retiring(below current: Int?) -> [LiveGeneration] {
        live.filter { $0.isActive && $0.generation < (current ?? 0) }
    }
}
