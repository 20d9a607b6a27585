import Foundation

/// The result of `dfnsops drift`: findings by bucket, what ignore rules suppressed, expired rules, and what the
/// API did not let dfnsops see.
public struct DriftReport: Sendable, Hashable, Codable {
    /// The version of this JSON format (`schemas/drift.schema.json`).
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var generatedAt: Date
    public var findings: [DriftFinding]
    public var ignored: [IgnoredFinding]
    public var expiredIgnoreRules: [ExpiredIgnoreRule]
    /// Limits of what could be observed (for example other users' passkeys).
    public var notSeen: [String]

    public init(
        generatedAt: Date, findings: [DriftFinding], ignored: [IgnoredFinding] = [],
        expiredIgnoreRules: [ExpiredIgnoreRule] = [], notSeen: [String] = []
    ) {
        formatVersion = Self.currentFormatVersion
        self.generatedAt = generatedAt
        self.findings = findings
        self.ignored = ignored
        self.expiredIgnoreRules = expiredIgnoreRules
        self.notSeen = notSeen
    }

    /// Findings per bucket, every bucket present.
    public var counts: [DriftBucket: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DriftBucket.allCases.map { ($0, 0) })
        for finding in findings { counts[finding.bucket, default: 0] += 1 }
        return counts
    }

    /// True when no finding falls in one of `buckets`.
    public func isInSync(failingOn buckets: Set<DriftBucket>) -> Bool {
        !findings.contains { buckets.contains($0.bucket) }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion, generatedAt, summary, findings, ignored, expiredIgnoreRules, notSeen
    }

    /// The summary block of the JSON report.
    struct Summary: Codable {
        var total: Int
        var ignored: Int
        var buckets: [String: Int]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        generatedAt = try container.decode(Date.self, forKey: .generatedAt)
        findings = try container.decode([DriftFinding].self, forKey: .findings)
        ignored = try container.decode([IgnoredFinding].self, forKey: .ignored)
        expiredIgnoreRules = try container.decode([ExpiredIgnoreRule].self, forKey: .expiredIgnoreRules)
        notSeen = try container.decode([String].self, forKey: .notSeen)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(generatedAt, forKey: .generatedAt)
        let buckets = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        try container.encode(Summary(total: findings.count, ignored: ignored.count, buckets: buckets), forKey: .summary)
        try container.encode(findings, forKey: .findings)
        try container.encode(ignored, forKey: .ignored)
        try container.encode(expiredIgnoreRules, forKey: .expiredIgnoreRules)
        try container.encode(notSeen, forKey: .notSeen)
    }
}
