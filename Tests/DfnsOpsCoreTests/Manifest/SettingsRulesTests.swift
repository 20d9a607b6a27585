import DfnsOpsCore
import Foundation
import Testing

@Suite("Settings: ignore rules")
struct SettingsRulesTests {
    @Test("ignore rules match kind, name, id and bucket, and expire")
    func ignoreRules() {
        let rule = DriftIgnoreRule(
            kind: .serviceAccount,
            name: "legacy-*",
            bucket: .unmanaged,
            reason: "old",
            expires: Date(timeIntervalSince1970: 1_000)
        )
        #expect(rule.matches(kind: .serviceAccount, name: "legacy-bot", id: "us-1", bucket: .unmanaged))
        #expect(!rule.matches(kind: .webhook, name: "legacy-bot", id: "wh-1", bucket: .unmanaged))
        #expect(!rule.matches(kind: .serviceAccount, name: "legacy-bot", id: "us-1", bucket: .changed))
        #expect(!rule.matches(kind: .serviceAccount, name: nil, id: "us-1", bucket: .unmanaged))
        #expect(!rule.isExpired(at: Date(timeIntervalSince1970: 999)))
        #expect(rule.isExpired(at: Date(timeIntervalSince1970: 1_000)))
    }

    @Test("expiry dates: a day is midnight UTC; times carry their offset")
    func expiryDates() throws {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: Settings
            metadata: {name: s}
            spec:
              drift:
                ignore:
                  - {id: "us-1", reason: a, expires: 2026-12-31}
                  - {id: "us-2", reason: b, expires: "2026-12-31T18:30:00+02:00"}
                  - {id: "us-3", reason: c, expires: "2024-02-29T00:00Z"}
            """
        let validation = ManifestValidator().validate(text, file: "s.yaml")
        #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
        let rules = validation.desiredState.settings.driftIgnore
        #expect(
            rules.map(\.expires) == [
                Date(timeIntervalSince1970: 1_798_675_200),
                Date(timeIntervalSince1970: 1_798_675_200 + 16 * 3_600 + 30 * 60),
                Date(timeIntervalSince1970: 1_709_164_800),
            ])
    }
}
