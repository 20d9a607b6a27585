/// Compares a saved plan with the plan recomputed at apply time.
public struct PlanStaleness: Sendable, Hashable {
    /// What differs, in words; empty when the saved plan may be applied.
    public var reasons: [String]

    public var isStale: Bool { !reasons.isEmpty }

    /// Compares fingerprints and digests, and names the objects and actions that changed.
    public init(saved: Plan, current: Plan) {
        var reasons: [String] = []
        if saved.formatVersion != current.formatVersion {
            reasons.append(
                "the plan file has format version \(saved.formatVersion); this dfnsops writes \(current.formatVersion)")
        }
        if saved.manifestsDigest != current.manifestsDigest {
            reasons.append(
                "the manifests changed since the plan was made (\(saved.manifestsDigest) → \(current.manifestsDigest))")
        }
        if saved.liveStateFingerprint != current.liveStateFingerprint {
            reasons.append(
                "the organisation changed since the plan was made (\(saved.liveStateFingerprint) → "
                    + "\(current.liveStateFingerprint))")
            let savedObjects = saved.liveObjects
            let currentObjects = current.liveObjects
            for key in Set(savedObjects.keys).union(currentObjects.keys).sorted() {
                switch (savedObjects[key], currentObjects[key]) {
                case (nil, _?): reasons.append("  appeared: \(key)")
                case (_?, nil): reasons.append("  disappeared: \(key)")
                case (let a?, let b?) where a != b: reasons.append("  changed: \(key)")
                default: break
                }
            }
        }
        let savedIds = saved.actions.map(\.id)
        let currentIds = current.actions.map(\.id)
        if savedIds != currentIds {
            for id in currentIds where !savedIds.contains(id) { reasons.append("  new action: \(id)") }
            for id in savedIds where !currentIds.contains(id) { reasons.append("  action no longer needed: \(id)") }
        }
        self.reasons = reasons
    }
}
