import Foundation

/// An ordered, deterministic set of actions that brings the live organisation to the manifests.
///
/// A plan holds no secret values, so a saved plan is safe to keep as a CI artifact.
public struct Plan: Sendable, Hashable, Codable {
    /// The version of this JSON format (`schemas/plan.schema.json`).
    public static let currentFormatVersion = 2

    public var formatVersion: Int
    public var createdAt: Date
    /// A digest of the live state the plan was computed from; `apply` refuses a plan whose digest changed.
    public var liveStateFingerprint: String
    /// A digest of the manifests the plan was computed from.
    public var manifestsDigest: String
    /// The manifest files and directories the plan was made from, so that `apply PLAN.json` reads the same ones.
    public var manifestPaths: [String]
    /// A fingerprint per live object (`<Kind> <id>`), so a stale plan can say which objects changed.
    public var liveObjects: [String: String]
    public var actions: [PlannedAction]
    public var notes: [PlanNote]

    public init(
        createdAt: Date, liveStateFingerprint: String, manifestsDigest: String, liveObjects: [String: String] = [:],
        actions: [PlannedAction], notes: [PlanNote]
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.createdAt = createdAt
        self.liveStateFingerprint = liveStateFingerprint
        self.manifestsDigest = manifestsDigest
        self.liveObjects = liveObjects
        self.manifestPaths = []
        self.actions = actions
        self.notes = notes
    }

    /// Counts by category, as the plan's closing line shows them.
    public var summary: PlanSummary { PlanSummary(actions) }

    /// True when there is nothing to do.
    public var isEmpty: Bool { actions.isEmpty }

    enum CodingKeys: String, CodingKey {
        case formatVersion, createdAt, liveStateFingerprint, manifestsDigest, manifestPaths, liveObjects, summary,
            actions
        case drift
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        liveStateFingerprint = try container.decode(String.self, forKey: .liveStateFingerprint)
        manifestsDigest = try container.decode(String.self, forKey: .manifestsDigest)
        liveObjects = try container.decodeIfPresent([String: String].self, forKey: .liveObjects) ?? [:]
        manifestPaths = try container.decodeIfPresent([String].self, forKey: .manifestPaths) ?? []
        actions = try container.decode([PlannedAction].self, forKey: .actions)
        notes = try container.decode([PlanNote].self, forKey: .drift)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(liveStateFingerprint, forKey: .liveStateFingerprint)
        try container.encode(manifestsDigest, forKey: .manifestsDigest)
        try container.encode(manifestPaths, forKey: .manifestPaths)
        try container.encode(liveObjects, forKey: .liveObjects)
        try container.encode(summary, forKey: .summary)
        try container.encode(actions, forKey: .actions)
        try container.encode(notes, forKey: .drift)
    }
}

/// How many actions of each category a plan holds.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var create: Int
    public var update: Int
    public var rotate: Int
    public var deactivate: Int
    public var blocked: Int

    /// Counts the actions; `update` includes activations and adoptions. `deactivate` counts effects, not actions:
    /// every deactivation or deletion of an existing object, retire steps and orphan clean-ups included.
    public init(_ actions: [PlannedAction]) {
        create = actions.count { $0.type == .create }
        update = actions.count { [.update, .activate, .adopt].contains($0.type) }
        rotate = actions.count { $0.type == .rotate }
        deactivate = actions.reduce(0) { $0 + $1.effects.count(where: \.removesExisting) }
        blocked = actions.count(where: \.isBlocked)
    }

    /// `Plan: 2 to create, 1 to update, 1 to rotate, 0 to deactivate.`
    public var line: String {
        var text = "Plan: \(create) to create, \(update) to update, \(rotate) to rotate, \(deactivate) to deactivate."
        if blocked > 0 { text += " \(blocked) blocked by guards." }
        return text
    }
}
