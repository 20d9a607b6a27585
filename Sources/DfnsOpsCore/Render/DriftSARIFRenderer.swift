import Foundation

/// Renders a drift report as SARIF 2.1.0 for GitHub code scanning: one rule per bucket, each result located at
/// the manifest file and line that declares the object (unmanaged objects at the Settings manifest).
public enum DriftSARIFRenderer {
    /// Bucket descriptions, shown by code scanning as rule help.
    static let ruleText: [DriftBucket: String] = [
        .missing: "A declared object does not exist in the organisation.",
        .changed: "A live object differs from its manifest.",
        .unmanaged: "A live object (or credential) that no manifest owns or adopts.",
        .rotationOverdue: "A key or secret is older than its rotation maxAge.",
        .expiring: "A token expires soon.",
        .storeMismatch: "The secret store does not match the live credentials.",
        .inactive: "An object declared active is inactive.",
        .passkeyPolicy: "A user does not meet a passkey policy.",
    ]

    public static func render(_ report: DriftReport, failingOn buckets: Set<DriftBucket>, toolVersion: String) throws
        -> String
    {
        var rules: [[String: Any]] = DriftBucket.allCases.map { bucket in
            [
                "id": "dfnsops/\(bucket.rawValue)", "name": bucket.rawValue,
                "shortDescription": ["text": ruleText[bucket] ?? bucket.rawValue],
                "defaultConfiguration": ["level": buckets.contains(bucket) ? "error" : "warning"],
            ]
        }
        rules.append([
            "id": "dfnsops/expired-ignore-rule", "name": "expired-ignore-rule",
            "shortDescription": ["text": "A drift ignore rule in Settings has expired."],
            "defaultConfiguration": ["level": "warning"],
        ])
        var results: [[String: Any]] = report.findings.map { finding in
            var result: [String: Any] = [
                "ruleId": "dfnsops/\(finding.bucket.rawValue)",
                "level": buckets.contains(finding.bucket) ? "error" : "warning",
                "message": ["text": "\(finding.address): \(finding.message)"],
                "partialFingerprints": ["dfnsopsFinding/v1": "\(finding.bucket.rawValue)|\(finding.address)"],
            ]
            if let location = finding.location { result["locations"] = [physical(location)] }
            return result
        }
        results += report.expiredIgnoreRules.map { rule in
            var result: [String: Any] = [
                "ruleId": "dfnsops/expired-ignore-rule", "level": "warning", "message": ["text": rule.message],
            ]
            if let location = rule.location { result["locations"] = [physical(location)] }
            return result
        }
        let sarif: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "dfnsops", "version": toolVersion,
                            "rules": rules,
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: sarif, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func physical(_ location: SourceLocation) -> [String: Any] {
        [
            "physicalLocation": [
                "artifactLocation": ["uri": location.file],
                "region": ["startLine": max(1, location.line), "startColumn": max(1, location.column)],
            ]
        ]
    }
}
