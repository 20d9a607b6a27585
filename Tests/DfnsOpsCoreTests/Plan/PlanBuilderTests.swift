import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import Testing

@Suite("Plan builder: diff, ordering and guards")
struct PlanBuilderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    static let manifests = """
        apiVersion: dfnsops.dev/v1alpha1
        kind: SecretStore
        metadata: {name: local}
        spec: {type: file, file: {directory: .dfnsops/secrets}}
        ---
        apiVersion: dfnsops.dev/v1alpha1
        kind: ServiceAccount
        metadata: {name: payments-signer}
        spec:
          permissions: [Payments]
          key: {algorithm: ecdsa-p256, rotation: {maxAge: 90d, overlap: 3d}}
        ---
        apiVersion: dfnsops.dev/v1alpha1
        kind: ServiceAccount
        metadata: {name: reporting}
        spec:
          key: {rotation: {maxAge: 30d, overlap: 1d}}
        ---
        apiVersion: dfnsops.dev/v1alpha1
        kind: Webhook
        metadata: {name: treasury}
        spec:
          url: https://hooks.example.com/dfns
          events: [wallet.created, wallet.transfer.confirmed]
        """

    static func desired(_ text: String = manifests) throws -> DesiredState {
        let validation = ManifestValidator().validate(text, file: "test.yaml")
        try #require(validation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(validation.diagnostics)")
        return validation.desiredState
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static let permissions = [
        Permission(
            id: "pm-aaaaa-aaaaa-aaaaaaaaaaaaaaaa", name: "Payments", operations: ["Wallets:Read"], status: "Active",
            isImmutable: false, isArchived: false, dateCreated: iso(now), dateUpdated: iso(now))
    ]

    static func account(
        id: String, name: String, marker: String?, active: Bool = true, key: PrivateSigningKey, created: Date,
        permissions: [PermissionAssignmentInfo] = []
    ) -> ServiceAccount {
        ServiceAccount(
            userInfo: UserInfo(
                userId: id, username: name, name: name, kind: "CustomerEmployee", externalId: marker, isActive: active,
                isServiceAccount: true, isRegistered: true, permissionAssignments: permissions),
            accessTokens: [
                AccessToken(
                    tokenId: "to-" + id.dropFirst(3), credId: "cred-\(name)", publicKey: key.publicKey.pem,
                    isActive: active,
                    dateCreated: iso(created), kind: "ServiceAccount", name: name, externalId: marker)
            ])
    }

    /// A store entry whose current version holds a key, recorded (as dfnsops records what it made) for `principalId`.
    static func entry(_ path: String, fingerprint: String, created: Date, principalId: String? = nil) throws -> (
        StoreLocation, EntryMetadata
    ) {
        let info = SecretVersionInfo(
            version: 1, createdAt: created, fingerprint: fingerprint, kind: .privateKey,
            metadata: SecretVersionMetadata(generation: 1, principalId: principalId))
        return (
            StoreLocation(store: "local", path: path),
            EntryMetadata(entry: try SecretEntryPath(path), pending: nil, current: info, previous: nil)
        )
    }

    /// The two managed service accounts of `manifests` as live objects, and store entries holding their keys:
    /// payments-signer with its declared permission, and reporting under the Dfns name `reportingName`.
    static func managedAccounts(created: Date, reportingName: String) throws -> (
        accounts: [ServiceAccount], store: StoreState
    ) {
        let signerKey = try PrivateSigningKey(generating: .ecdsaP256)
        let reportingKey = try PrivateSigningKey(generating: .ecdsaP256)
        let accounts = [
            account(
                id: "us-11111-11111-1111111111111111", name: "payments-signer",
                marker: "dfnsops:ServiceAccount/payments-signer", key: signerKey, created: created,
                permissions: [
                    PermissionAssignmentInfo(
                        permissionName: "Payments", permissionId: "pm-aaaaa-aaaaa-aaaaaaaaaaaaaaaa",
                        assignmentId: "as-1")
                ]),
            account(
                id: "us-22222-22222-2222222222222222", name: reportingName,
                marker: "dfnsops:ServiceAccount/reporting", key: reportingKey, created: created),
        ]
        let store = StoreState(
            entries: Dictionary(uniqueKeysWithValues: [
                try entry(
                    "service-accounts/payments-signer", fingerprint: signerKey.publicKey.fingerprint, created: created,
                    principalId: "us-11111-11111-1111111111111111"),
                try entry(
                    "service-accounts/reporting", fingerprint: reportingKey.publicKey.fingerprint, created: created,
                    principalId: "us-22222-22222-2222222222222222"),
            ]))
        return (accounts, store)
    }

    func plan(
        _ desired: DesiredState, _ live: LiveState, _ store: StoreState = StoreState(), options: PlanOptions? = nil
    )
        -> Plan
    {
        PlanBuilder(options: options ?? PlanOptions(now: Self.now)).build(
            desired: desired, live: live, store: store, manifestsDigest: "sha256:test")
    }

    @Test("an empty organisation gets every declared object created, in a fixed order")
    func createsEverything() throws {
        let plan = plan(try Self.desired(), LiveState(permissions: Self.permissions))
        #expect(
            plan.actions.map(\.id) == [
                "create:ServiceAccount/payments-signer", "create:ServiceAccount/reporting", "create:Webhook/treasury",
            ])
        #expect(plan.summary.line == "Plan: 3 to create, 0 to update, 0 to rotate, 0 to deactivate.")
        #expect(plan.notes.isEmpty)
    }

    @Test("objects that match their manifests and stores produce no action; changes show as fields")
    func inSyncAndChanged() throws {
        let created = Self.now.addingTimeInterval(-10 * Self.day)
        let managed = try Self.managedAccounts(created: created, reportingName: "reporting-old")
        let live = LiveState(
            serviceAccounts: managed.accounts + [
                Self.account(
                    id: "us-33333-33333-3333333333333333", name: "hand-made", marker: nil,
                    key: try PrivateSigningKey(generating: .ed25519), created: created)
            ],
            webhooks: [
                Webhook(
                    id: "wh-11111-11111-1111111111111111", url: "https://hooks.example.com/dfns",
                    events: ["wallet.transfer.confirmed", "wallet.created"], status: .enabled,
                    description: "[dfnsops:Webhook/treasury]", dateCreated: Self.iso(created),
                    dateUpdated: Self.iso(created))
            ],
            permissions: Self.permissions)
        let plan = plan(try Self.desired(), live, managed.store)
        #expect(plan.actions.map(\.id) == ["update:ServiceAccount/reporting"])
        #expect(
            plan.actions.first?.changes == [
                FieldChange(field: "name", before: .string("reporting-old"), after: .string("reporting"))
            ])
        #expect(plan.notes.map(\.finding) == [.storeMismatch, .unmanaged])
        #expect(plan.notes.first?.label == "Webhook/treasury", "no store entry for the webhook secret")
        #expect(plan.notes.last?.dfnsId == "us-33333-33333-3333333333333333")
    }

    @Test("a rotation past maxAge is planned with its phase, and maxRotations makes the rest wait")
    func rotationDueAndStaggered() throws {
        let old = Self.now.addingTimeInterval(-100 * Self.day)
        let managed = try Self.managedAccounts(created: old, reportingName: "reporting")
        let live = LiveState(serviceAccounts: managed.accounts, permissions: Self.permissions)
        let plan = plan(try Self.desired(), live, managed.store, options: PlanOptions(now: Self.now, maxRotations: 1))
        let rotations = plan.actions.filter { $0.type == .rotate }
        #expect(rotations.count == 2)
        #expect(rotations.allSatisfy { $0.rotation?.phase == .due && $0.reason == .rotationMaxAge })
        // reporting is 70 days past its 30-day maxAge, payments-signer 10 days past 90: reporting goes first.
        let started = rotations.filter { !$0.isBlocked }.map(\.name)
        #expect(started == ["reporting"])
        #expect(plan.summary.blocked == 1)
    }

    @Test("protect and the operator guard block deactivation; maxDeactivations caps the rest")
    func deactivationGuards() throws {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: local}
            spec: {type: file, file: {directory: .dfnsops/secrets}}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: Settings
            metadata: {name: s}
            spec: {guards: {maxDeactivations: 1}, defaults: {store: {ref: local}}}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: ServiceAccount
            metadata: {name: a}
            spec: {active: false, protect: true}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: ServiceAccount
            metadata: {name: b}
            spec: {active: false}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: ServiceAccount
            metadata: {name: c}
            spec: {active: false}
            """
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        let live = LiveState(
            serviceAccounts: ["a", "b", "c"].enumerated().map { index, name in
                Self.account(
                    id: "us-0000\(index)-00000-0000000000000000", name: name, marker: "dfnsops:ServiceAccount/\(name)",
                    key: key, created: Self.now)
            })
        // The store records each account, as dfnsops does for what it creates: the proof that it may change them.
        let store = StoreState(
            entries: Dictionary(
                uniqueKeysWithValues: try live.serviceAccounts.map {
                    try Self.entry(
                        "service-accounts/\($0.userInfo.name ?? "")", fingerprint: key.publicKey.fingerprint,
                        created: Self.now, principalId: $0.userInfo.userId)
                }))
        let plan = plan(try Self.desired(text), live, store)
        #expect(
            plan.actions.map(\.id) == [
                "deactivate:ServiceAccount/a", "deactivate:ServiceAccount/b", "deactivate:ServiceAccount/c",
            ])
        #expect(plan.actions.map(\.isBlocked) == [true, false, true])
        #expect(plan.actions[0].guards.contains { $0.guardName == .protected && !$0.passed })
        #expect(plan.actions[2].guards.contains { $0.guardName == .maxDeactivations && !$0.passed })
    }

    @Test("an adopted id that no longer exists is reported missing; webhook event order does not matter")
    func adoptionAndEventSets() throws {
        let text = """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: local}
            spec: {type: file, file: {directory: .dfnsops/secrets}}
            ---
            apiVersion: dfnsops.dev/v1alpha1
            kind: Webhook
            metadata: {name: treasury}
            spec:
              url: https://hooks.example.com/dfns
              events: [wallet.created, wallet.transfer.confirmed]
              adopt: wh-99999-99999-9999999999999999
            """
        let plan = plan(try Self.desired(text), LiveState())
        #expect(plan.actions.isEmpty)
        #expect(plan.notes.map(\.finding) == [.missing])
    }

    @Test("the same inputs give the same plan, byte for byte")
    func deterministic() throws {
        let desired = try Self.desired()
        let live = LiveState(permissions: Self.permissions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let first = try encoder.encode(plan(desired, live))
        for _ in 0..<20 {
            #expect(try encoder.encode(plan(desired, live)) == first)
        }
    }
}
