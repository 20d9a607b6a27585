import Foundation

/// What an apply did: one result per action, and the plan it executed. Holds no secret values.
public struct ApplyReport: Sendable, Hashable, Codable {
    /// The version of this JSON format (`schemas/apply-report.schema.json`).
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var startedAt: Date
    public var finishedAt: Date
    /// The live-state fingerprint and manifests digest of the plan that was executed.
    public var liveStateFingerprint: String
    public var manifestsDigest: String
    /// The credential fingerprint of the operator that signed the changes.
    public var operatorFingerprint: String?
    /// Where the apply lock the run held lives (a path, or a shared backend and key); absent when it held none.
    public var lock: String?
    public var results: [ActionResult]

    public init(
        startedAt: Date, finishedAt: Date, plan: Plan, operatorFingerprint: String?, lock: String? = nil,
        results: [ActionResult]
    ) {
        formatVersion = Self.currentFormatVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        liveStateFingerprint = plan.liveStateFingerprint
        manifestsDigest = plan.manifestsDigest
        self.operatorFingerprint = operatorFingerprint
        self.lock = lock
        self.results = results
    }

    /// How many results have each status.
    public var counts: [ActionResult.Status: Int] {
        Dictionary(grouping: results, by: \.status).mapValues(\.count)
    }

    /// `Apply: 5 done, 1 pending approval, 0 failed, 0 blocked, 0 skipped.`
    public var summaryLine: String {
        let counts = counts
        return "Apply: \(counts[.done] ?? 0) done, \(counts[.pendingApproval] ?? 0) pending approval, "
            + "\(counts[.failed] ?? 0) failed, \(counts[.blocked] ?? 0) blocked, \(counts[.skipped] ?? 0) skipped."
    }
}
