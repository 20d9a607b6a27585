import DfnsAPI
import Foundation
import SecretStores

/// Sorts the diff's changes into drift buckets, adds what only drift looks at (expiring tokens, unmanaged
/// credentials, passkey policies), and applies the Settings ignore rules. It reads changes and the observation,
/// never a plan: how the plan words its actions does not change drift.
///
/// Pure: it reads values observed by the caller.
public struct DriftBuilder: Sendable {
    /// What drift reads: the diff's changes and the observation they came from.
    public struct Inputs: Sendable {
        public var desired: DesiredState
        public var live: LiveState
        public var store: StoreState
        /// What the diff found (``Differ/changes()``).
        public var changes: [Change]
        /// When each keyed manifest's current token expires (`Kind/name` → date), as read from the store.
        public var tokenExpiries: [String: Date]
        /// The operator's own credentials, the only ones whose passkeys the API shows; nil when not readable.
        public var operatorCredentials: [Credential]?
        public var operatorUserId: String?
        public var now: Date
        /// Tokens expiring within this many seconds are reported.
        public var expiryWarning: TimeInterval

        public init(
            desired: DesiredState, live: LiveState, store: StoreState, changes: [Change],
            tokenExpiries: [String: Date] = [:],
            operatorCredentials: [Credential]? = nil, operatorUserId: String? = nil, now: Date,
            expiryWarning: TimeInterval = 30 * 86_400
        ) {
            self.desired = desired
            self.live = live
            self.store = store
            self.changes = changes
            self.tokenExpiries = tokenExpiries
            self.operatorCredentials = operatorCredentials
            self.operatorUserId = operatorUserId
            self.now = now
            self.expiryWarning = expiryWarning
        }
    }

    public init() {}

    public func build(_ inputs: Inputs) -> DriftReport {
        var findings: [DriftFinding] = []
        var notSeen: [String] = []
        let desired = inputs.desired
        let settingsLocation =
            desired.settingsManifest?.origin.nameLocation ?? desired.manifests.first?.origin.nameLocation
        // Looked up once per finding: a dictionary, not a scan of every manifest per finding.
        let origins = Dictionary(
            desired.manifests.map { ($0.address, $0.origin) }, uniquingKeysWith: { first, _ in first })
        func origin(_ kind: ManifestKind, _ name: String) -> ManifestOrigin? {
            origins[ObjectAddress(kind: kind, name: name)]
        }

        for change in inputs.changes {
            let declaredOrigin = change.name.flatMap { origin(change.kind, $0) }
            findings += Self.findings(for: change, origin: declaredOrigin, settingsLocation: settingsLocation)
        }
        findings += expiring(inputs, origin: origin)
        let (passkeyFindings, passkeyNotSeen) = passkeys(inputs)
        findings += passkeyFindings
        notSeen += passkeyNotSeen
        if inputs.live.credentials.isEmpty, !desired.keyedPrincipals.isEmpty {
            notSeen.append(
                "the credentials of managed service accounts and PATs could not be listed acting as them (no token "
                    + "and key in the store, or the organisation refuses it); rotation facts come from their tokens")
        }

        // Ignore rules: an expired rule is reported and suppresses nothing.
        let rules = desired.settings.driftIgnore
        let ignoreLocation = desired.settingsManifest?.origin.location(of: "spec.drift.ignore") ?? settingsLocation
        let active = rules.filter { !$0.isExpired(at: inputs.now) }
        let expired = rules.enumerated().filter { $0.element.isExpired(at: inputs.now) }.map { index, rule in
            ExpiredIgnoreRule(
                rule: rule,
                location: desired.settingsManifest?.origin.location(of: "spec.drift.ignore[\(index)].expires")
                    ?? ignoreLocation,
                message: "the drift ignore rule \"\(rule.reason)\" expired on "
                    + "\(rule.expires.map(PlanTime.format) ?? "?"); renew or remove it")
        }
        var kept: [DriftFinding] = []
        var ignored: [IgnoredFinding] = []
        let liveNames = Self.liveNames(inputs.live)
        for finding in findings {
            // A rule's name pattern matches the manifest name, or for objects no manifest names, the live name.
            let name = finding.name ?? finding.dfnsId.flatMap { liveNames[$0] }
            if let kind = finding.ignoreKind,
                let rule = active.first(where: {
                    $0.matches(kind: kind, name: name, id: finding.dfnsId, bucket: finding.bucket)
                })
            {
                ignored.append(IgnoredFinding(finding: finding, reason: rule.reason, expires: rule.expires))
            } else {
                kept.append(finding)
            }
        }
        return DriftReport(
            generatedAt: inputs.now, findings: Self.sorted(kept),
            ignored: ignored.sorted { Self.sortKey($0.finding) < Self.sortKey($1.finding) },
            expiredIgnoreRules: expired, notSeen: notSeen)
    }

    /// Orders findings by bucket and kind, then by what a reader recognises: the manifest name, or for objects
    /// no manifest names the message, which starts with their name or URL. Ids (random) only break ties, so the
    /// same organisation gives the same order whatever ids the API handed out.
    static func sorted(_ findings: [DriftFinding]) -> [DriftFinding] {
        findings.sorted { sortKey($0) < sortKey($1) }
    }

    private static let bucketOrder = Dictionary(
        uniqueKeysWithValues: DriftBucket.allCases.enumerated().map { ($1, $0) })

    static func sortKey(_ finding: DriftFinding) -> (Int, String, String, String, String) {
        (
            bucketOrder[finding.bucket] ?? 0, finding.kind, finding.name ?? "", finding.message,
            finding.dfnsId ?? ""
        )
    }

    /// The findings one change makes.
    static func findings(
        for change: Change, origin: ManifestOrigin?, settingsLocation: SourceLocation?
    ) -> [DriftFinding] {
        let kind = change.kind.rawValue
        let location = origin?.nameLocation
        func finding(
            _ bucket: DriftBucket, _ message: String, changes: [FieldChange] = [], at field: String? = nil,
            fallback: SourceLocation? = nil
        ) -> DriftFinding {
            DriftFinding(
                bucket: bucket, kind: kind, name: change.name, dfnsId: change.dfnsId, message: message,
                changes: changes, location: field.flatMap { origin?.exactLocation(of: $0) } ?? location ?? fallback)
        }
        let managed = change.management == .managed
        switch change.fact {
        case .unmanaged:
            return [finding(.unmanaged, change.message, fallback: settingsLocation)]
        case .foreignMarker:
            // Named by its id: it is not the declared object, only carries its marker.
            var foreign = finding(.foreignMarker, change.message, fallback: settingsLocation)
            foreign.name = nil
            return [foreign]
        case .unmanagedCredential(let credential):
            return [
                DriftFinding(
                    bucket: .unmanagedCredential, kind: "Credential", name: nil,
                    dfnsId: credential.credentialUuid ?? credential.credentialId, message: change.message,
                    location: location)
            ]
        case .absent:
            return [
                managed
                    ? finding(.missing, "declared, but absent from the organisation")
                    : finding(.changed, change.message)
            ]
        case .adoptedObjectMissing, .unknownPermission:
            return [finding(.missing, change.message)]
        case .noStoreEntry:
            return [finding(.storeMismatch, change.message)]
        case .differs(let differences):
            guard managed else { return [finding(.changed, change.message)] }
            var findings: [DriftFinding] = []
            for changes in [[differences.adoption].compactMap { $0 }, differences.fields] where !changes.isEmpty {
                findings.append(
                    finding(.changed, describe(changes), changes: changes, at: "spec." + changes[0].field))
            }
            if differences.declaredActive == true {
                findings.append(finding(.inactive, "declared active, found inactive", at: "spec.active"))
            } else if differences.declaredActive == false {
                let changes = [FieldChange(field: "active", before: .bool(true), after: .bool(false))]
                findings.append(finding(.changed, describe(changes), changes: changes, at: "spec.active"))
            }
            return findings
        case .rotation(let rotation):
            let status = rotation.status
            if status.phase == .inconsistent { return [finding(.storeMismatch, change.message)] }
            guard status.phase == .due, status.trigger == .maxAge else { return [] }
            let overdue = status.overdueBy ?? 0
            var overdueFinding = finding(
                .rotationOverdue,
                "generation \(status.currentGeneration ?? 1) is past maxAge by " + PlanTime.format(duration: overdue),
                at: change.kind == .webhook ? "spec.secret.rotation.maxAge" : "spec.key.rotation.maxAge")
            overdueFinding.overdueBySeconds = overdue
            return [overdueFinding]
        }
    }

    /// The names of live service accounts, PATs and users by id, and webhooks' URLs, for ignore rules over
    /// objects that no manifest names.
    static func liveNames(_ live: LiveState) -> [String: String] {
        var names: [String: String] = [:]
        for account in live.serviceAccounts {
            names[account.userInfo.userId] = account.userInfo.name ?? account.userInfo.username
        }
        for token in live.personalAccessTokens { names[token.tokenId] = token.name }
        for webhook in live.webhooks { names[webhook.id] = webhook.url }
        for user in live.users where names[user.userId] == nil { names[user.userId] = user.username }
        for credentials in live.credentials.values {
            for credential in credentials { names[credential.credentialUuid] = credential.name }
        }
        return names
    }

    static func describe(_ changes: [FieldChange]) -> String {
        changes.map { "\($0.field): \(PlanTextRenderer.describe($0))" }.joined(separator: "; ")
    }

    private func expiring(_ inputs: Inputs, origin: (ManifestKind, String) -> ManifestOrigin?) -> [DriftFinding] {
        inputs.tokenExpiries.keys.sorted().compactMap { address in
            guard let expiry = inputs.tokenExpiries[address],
                expiry.timeIntervalSince(inputs.now) < inputs.expiryWarning
            else { return nil }
            let parts = address.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = ManifestKind(rawValue: parts[0]) else { return nil }
            let remaining = expiry.timeIntervalSince(inputs.now)
            let field = "spec.daysValid"
            return DriftFinding(
                bucket: .expiring, kind: kind.rawValue, name: parts[1],
                message: remaining > 0
                    ? "its token expires in \(PlanTime.format(duration: remaining)), on \(PlanTime.format(expiry))"
                    : "its token expired on \(PlanTime.format(expiry))",
                expiresAt: expiry,
                location: origin(kind, parts[1]).map { $0.exactLocation(of: field) ?? $0.nameLocation })
        }
    }

    /// Passkey-policy violations, as far as the API lets the operator see.
    private func passkeys(_ inputs: Inputs) -> ([DriftFinding], [String]) {
        var findings: [DriftFinding] = []
        var notSeen: [String] = []
        for policy in inputs.desired.passkeyPolicies {
            let spec = policy.spec
            let users: [User]
            switch spec.users {
            case .usernames(let names): users = inputs.live.users.filter { names.contains($0.username) }
            case .allCustomerEmployees:
                users = inputs.live.users.filter { $0.kind == "CustomerEmployee" && !$0.isServiceAccount }
            }
            var unseen = 0
            for user in users {
                if spec.requireActiveUser, !user.isActive {
                    findings.append(
                        DriftFinding(
                            bucket: .passkeyPolicy, kind: "User", name: user.username, dfnsId: user.userId,
                            message: "the user is inactive; policy \(policy.name) requires active users",
                            location: policy.origin.exactLocation(of: "spec.requireActiveUser")
                                ?? policy.origin.nameLocation))
                }
                guard user.userId == inputs.operatorUserId, let credentials = inputs.operatorCredentials else {
                    unseen += 1
                    continue
                }
                let passkeys = credentials.filter { $0.kind == "Fido2" && $0.isActive }
                if passkeys.count < spec.minActive {
                    findings.append(
                        DriftFinding(
                            bucket: .passkeyPolicy, kind: "User", name: user.username, dfnsId: user.userId,
                            message: "\(passkeys.count) active passkey\(passkeys.count == 1 ? "" : "s"); policy "
                                + "\(policy.name) requires at least \(spec.minActive)",
                            location: policy.origin.exactLocation(of: "spec.minActive") ?? policy.origin.nameLocation))
                }
                if let maxAge = spec.maxAge {
                    for passkey in passkeys {
                        guard let created = passkey.creationDate,
                            inputs.now.timeIntervalSince(created) > TimeInterval(maxAge.seconds)
                        else { continue }
                        findings.append(
                            DriftFinding(
                                bucket: .passkeyPolicy, kind: "User", name: user.username, dfnsId: user.userId,
                                message: "passkey \(passkey.name) is older than \(maxAge) (policy \(policy.name))",
                                location: policy.origin.exactLocation(of: "spec.maxAge") ?? policy.origin.nameLocation))
                    }
                }
            }
            if unseen > 0 {
                notSeen.append(
                    "policy \(policy.name): the passkeys of \(unseen) user\(unseen == 1 ? "" : "s") other than the "
                        + "operator are not visible through the API (only the caller's own credentials can be listed); "
                        + "only whether they are active was checked")
            }
        }
        return (findings, notSeen)
    }
}
