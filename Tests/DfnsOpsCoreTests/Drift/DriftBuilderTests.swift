import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import Testing

/// `DriftBuilder` with hand-built inputs: ignore rules (kind, name and id patterns, bucket), their expiry,
/// `--fail-on` (which buckets fail, which are warnings) and an order that does not depend on random ids.
@Suite("Drift builder: ignore rules, expiry, --fail-on")
struct DriftBuilderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    /// A store, a declared-but-absent service account, and Settings with `rules` as its ignore list.
    static func desired(rules: String) throws -> DesiredState {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: Settings
            metadata: {name: acme}
            spec:
              defaults: {store: {ref: local}}
              drift:
                ignore:
            \(rules)
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: local}
            spec: {type: file, file: {directory: .dfnsops/secrets}}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: ServiceAccount
            metadata: {name: settlement-batch}
            spec:
              key: {rotation: {maxAge: 90d, overlap: 1d}}
            """
        let validation = ManifestValidator().validate(text, file: "drift.yaml")
        try #require(validation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(validation.diagnostics)")
        return validation.desiredState
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// An unmanaged service account (no marker).
    static func account(id: String, name: String) throws -> ServiceAccount {
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        return ServiceAccount(
            userInfo: UserInfo(
                userId: id, username: name, name: name, kind: "CustomerEmployee", isActive: true,
                isServiceAccount: true, isRegistered: true),
            accessTokens: [
                AccessToken(
                    tokenId: "to-" + id.dropFirst(3), credId: "cred-\(name)", publicKey: key.publicKey.pem,
                    isActive: true, dateCreated: iso(now - 10 * day), kind: "ServiceAccount", name: name)
            ])
    }

    static let legacyId = "us-aaaaa-aaaaa-aaaaaaaaaaaaaaaa"
    static let exporterId = "us-zzzzz-zzzzz-zzzzzzzzzzzzzzzz"

    /// Drift over ``desired(rules:)`` and two unmanaged service accounts, `legacy-importer` and `Hand-made
    /// exporter`: one missing and two unmanaged findings before any rule applies.
    static func report(rules: String, now: Date = now, accounts: [ServiceAccount]? = nil) throws -> DriftReport {
        let desired = try desired(rules: rules)
        let live = LiveState(
            serviceAccounts: try accounts ?? [
                account(id: legacyId, name: "legacy-importer"), account(id: exporterId, name: "Hand-made exporter"),
            ])
        let changes = Differ(desired: desired, live: live, store: StoreState(), options: PlanOptions(now: now))
            .changes()
        return DriftBuilder().build(
            DriftBuilder.Inputs(desired: desired, live: live, store: StoreState(), changes: changes, now: now))
    }

    static func addresses(_ findings: [DriftFinding]) -> [String] {
        findings.map { "\($0.bucket.rawValue) \($0.name ?? $0.message)" }
    }

    static let noRules = "      []"

    @Test("without rules: one missing and two unmanaged findings, ordered by name")
    func baseline() throws {
        let report = try Self.report(rules: Self.noRules)
        #expect(
            Self.addresses(report.findings) == [
                "missing settlement-batch", "unmanaged Hand-made exporter: no manifest owns or adopts it",
                "unmanaged legacy-importer: no manifest owns or adopts it",
            ])
        #expect(report.ignored.isEmpty && report.expiredIgnoreRules.isEmpty)
        #expect(report.counts[.missing] == 1 && report.counts[.unmanaged] == 2 && report.counts[.expiring] == 0)
    }

    @Test(
        "a rule suppresses exactly the findings its kind, name or id pattern and bucket match",
        arguments: [
            // A name pattern over a declared object's manifest name.
            ("      - {kind: ServiceAccount, name: 'settlement-*', reason: r}", ["missing settlement-batch"]),
            // A name pattern over an unmanaged object's live name.
            (
                "      - {kind: ServiceAccount, name: 'legacy-*', bucket: unmanaged, reason: r}",
                ["unmanaged legacy-importer: no manifest owns or adopts it"]
            ),
            // An id pattern.
            (
                "      - {id: 'us-zzzzz-*', reason: r}",
                ["unmanaged Hand-made exporter: no manifest owns or adopts it"]
            ),
            // A kind and a bucket.
            (
                "      - {kind: ServiceAccount, bucket: unmanaged, reason: r}",
                [
                    "unmanaged Hand-made exporter: no manifest owns or adopts it",
                    "unmanaged legacy-importer: no manifest owns or adopts it",
                ]
            ),
            // The right name, the wrong bucket or kind: nothing.
            ("      - {kind: ServiceAccount, name: 'legacy-*', bucket: changed, reason: r}", []),
            ("      - {kind: Webhook, name: 'legacy-*', reason: r}", []),
            ("      - {kind: ServiceAccount, name: 'settlement-batch', bucket: unmanaged, reason: r}", []),
        ])
    func rulesMatch(rule: String, suppressed: [String]) throws {
        let report = try Self.report(rules: rule)
        #expect(Self.addresses(report.ignored.map(\.finding)) == suppressed)
        #expect(report.ignored.allSatisfy { $0.reason == "r" })
        let all = try Self.report(rules: Self.noRules).findings
        #expect(report.findings.count + report.ignored.count == all.count)
        #expect(Set(Self.addresses(report.findings)).isDisjoint(with: suppressed))
        #expect(report.expiredIgnoreRules.isEmpty)
    }

    @Test("a rule suppresses until its expiry; from then on it is reported and suppresses nothing")
    func expiry() throws {
        let rule = "      - {kind: ServiceAccount, name: 'legacy-*', reason: Retired in INC-4312., expires: 2027-01-15}"
        let expires = try #require(ISO8601DateFormatter().date(from: "2027-01-15T00:00:00Z"))

        let before = try Self.report(rules: rule, now: expires - 1)
        #expect(
            Self.addresses(before.ignored.map(\.finding)) == [
                "unmanaged legacy-importer: no manifest owns or adopts it"
            ])
        #expect(before.ignored.first?.expires == expires)
        #expect(before.expiredIgnoreRules.isEmpty)

        for now in [expires, expires + 30 * Self.day] {
            let after = try Self.report(rules: rule, now: now)
            #expect(after.ignored.isEmpty, "an expired rule suppresses nothing")
            #expect(after.findings.contains { $0.message.hasPrefix("legacy-importer:") })
            let expired = try #require(after.expiredIgnoreRules.first)
            #expect(after.expiredIgnoreRules.count == 1)
            #expect(expired.rule.reason == "Retired in INC-4312.")
            #expect(expired.message.contains("expired on 2027-01-15"))
            #expect(expired.location?.file == "drift.yaml")
        }
        // An expired rule is a warning in every format.
        let report = try Self.report(rules: rule, now: expires)
        let text = DriftTextRenderer(color: false).render(report, failingOn: Set(DriftBucket.allCases))
        #expect(text.contains("warning: the drift ignore rule \"Retired in INC-4312.\" expired on 2027-01-15"))
        #expect(DriftMarkdownRenderer.render(report, failingOn: []).contains("> [!WARNING]"))
        let sarif = try DriftSARIFRenderer.render(report, failingOn: Set(DriftBucket.allCases), toolVersion: "0")
        #expect(sarif.contains("\"ruleId\" : \"dfnsops/expired-ignore-rule\""))
    }

    @Test("--fail-on: only the chosen buckets decide the exit status; the rest are warnings")
    func failOn() throws {
        let report = try Self.report(rules: Self.noRules)
        #expect(!report.isInSync(failingOn: Set(DriftBucket.allCases)))
        #expect(!report.isInSync(failingOn: [.missing]))
        #expect(!report.isInSync(failingOn: [.unmanaged, .expiring]))
        #expect(report.isInSync(failingOn: [.changed, .rotationOverdue, .expiring]))
        #expect(report.isInSync(failingOn: []))

        let text = DriftTextRenderer(color: false).render(report, failingOn: [.missing])
        #expect(text.contains("missing (1)\n"))
        #expect(text.contains("unmanaged (2) — reported only"))
        let markdown = DriftMarkdownRenderer.render(report, failingOn: [.missing])
        #expect(markdown.contains("| missing | 1 | yes |") && markdown.contains("| unmanaged | 2 | no |"))

        struct Log: Decodable {
            struct Run: Decodable {
                struct Result: Decodable {
                    var ruleId: String
                    var level: String
                }
                var results: [Result]
            }
            var runs: [Run]
        }
        let sarif = try DriftSARIFRenderer.render(report, failingOn: [.missing], toolVersion: "0")
        let results = try JSONDecoder().decode(Log.self, from: Data(sarif.utf8)).runs[0].results
        #expect(results.map(\.level) == ["error", "warning", "warning"])
        #expect(results.map(\.ruleId) == ["dfnsops/missing", "dfnsops/unmanaged", "dfnsops/unmanaged"])
    }

    @Test("the order of findings does not depend on the ids the organisation handed out")
    func orderIgnoresIds() throws {
        let swapped = try Self.report(
            rules: Self.noRules,
            accounts: [
                Self.account(id: Self.exporterId, name: "legacy-importer"),
                Self.account(id: Self.legacyId, name: "Hand-made exporter"),
            ])
        let original = try Self.report(rules: Self.noRules)
        #expect(Self.addresses(swapped.findings) == Self.addresses(original.findings))
    }
}
