import Foundation

extension ManifestDecoder {
    mutating func decodeSettings(_ view: MappingView) -> SettingsSpec {
        var settings = SettingsSpec()
        if let defaults = submapping(view, "defaults", allowed: ["store", "rotation"]) {
            if let store = submapping(defaults, "store", allowed: ["ref"]) {
                settings.defaults.storeRef = storeRef(store)
            }
            if let rotation = submapping(defaults, "rotation", allowed: ["maxAge", "overlap", "retain"]) {
                let values = RotationDefaults(
                    maxAge: duration(rotation, "maxAge"),
                    overlap: duration(rotation, "overlap"),
                    retain: duration(rotation, "retain")
                )
                checkOverlap(maxAge: values.maxAge, overlap: values.overlap, in: rotation)
                settings.defaults.rotation = values
            }
        }
        if let guards = submapping(view, "guards", allowed: ["maxDeactivations", "maxRotations"]) {
            settings.guards = GuardLimits(
                maxDeactivations: integer(guards, "maxDeactivations", in: 0...Int.max)
                    ?? GuardLimits.defaultMaxDeactivations,
                maxRotations: integer(guards, "maxRotations", in: 0...Int.max)
            )
        }
        if let prune = submapping(view, "prune", allowed: ["mode", "kinds"]) {
            settings.prune.mode = enumeration(prune, "mode", as: PrunePolicy.Mode.self) ?? .none
            if let kinds = stringList(prune, "kinds", nonEmpty: true) {
                var declared: [ManifestKind] = []
                for (index, (kind, location)) in kinds.enumerated() {
                    let node = SourceNode(.string(kind), at: location)
                    if let prunable = enumeration(node, path: "spec.prune.kinds[\(index)]", as: PrunableKind.self),
                        let manifestKind = ManifestKind(rawValue: prunable.rawValue)
                    {
                        declared.append(manifestKind)
                    }
                }
                settings.prune.kinds = declared
            }
        }
        if let drift = submapping(view, "drift", allowed: ["ignore"]) {
            settings.driftIgnore = ignoreRules(drift)
        }
        return settings
    }

    private mutating func ignoreRules(_ drift: MappingView) -> [DriftIgnoreRule] {
        guard let entry = value(drift, "ignore") else { return [] }
        guard case .sequence(let items) = entry.value.value else {
            wrongType(entry.value, path: "spec.drift.ignore", expected: "a list of rules")
            return []
        }
        var rules: [DriftIgnoreRule] = []
        for (index, item) in items.enumerated() {
            let path = "spec.drift.ignore[\(index)]"
            fields[path] = item.location
            guard
                let rule = mapping(
                    item,
                    path: path,
                    introducedAt: item.location,
                    allowed: ["kind", "name", "id", "bucket", "reason", "expires"]
                )
            else { continue }
            let kind = enumeration(rule, "kind", as: DriftIgnoreRule.ObjectKind.self)
            let name = string(rule, "name")
            let id = string(rule, "id")
            let bucket = enumeration(rule, "bucket", as: DriftBucket.self)
            let reason = string(rule, "reason", required: true)
            let expires = expiry(rule)
            if !rule.has("kind"), !rule.has("name"), !rule.has("id") {
                report(
                    .missingField,
                    "\(path) must set at least one of kind, name or id",
                    at: item.location,
                    hint: "a rule without them would hide every finding"
                )
            }
            rules.append(
                DriftIgnoreRule(kind: kind, name: name, id: id, bucket: bucket, reason: reason ?? "", expires: expires)
            )
        }
        return rules
    }

    private mutating func expiry(_ rule: MappingView) -> Date? {
        guard let text = string(rule, "expires"), let location = rule.entry("expires")?.value.location else {
            return nil
        }
        switch ManifestDate.parse(text) {
        case .date(let date):
            return date
        case .malformed:
            report(
                .invalidValue,
                "\(rule.path(of: "expires")) \(Excerpt.quoted(text)) is not a date",
                at: location,
                hint: "write YYYY-MM-DD (midnight UTC) or an RFC 3339 time such as 2026-12-31T18:00:00Z"
            )
        case .impossible:
            report(.invalidDate, "\(rule.path(of: "expires")) \(Excerpt.quoted(text)) is not a real date", at: location)
        }
        return nil
    }
}

/// The kinds a prune policy may name.
enum PrunableKind: String, CaseIterable {
    case serviceAccount = "ServiceAccount"
    case personalAccessToken = "PersonalAccessToken"
    case webhook = "Webhook"
}
