import DfnsAPI
import DfnsOpsCore
import Foundation
import SecretStores
import Testing

/// The diff stage alone: facts out, no plan wording in.
@Suite("Differ: manifests against live state as typed changes")
struct DifferTests {
    static let now = PlanBuilderTests.now

    func changes(_ desired: DesiredState, _ live: LiveState, _ store: StoreState = StoreState()) -> [Change] {
        Differ(desired: desired, live: live, store: store, options: PlanOptions(now: Self.now)).changes()
    }

    @Test("an empty organisation: every declared object is absent, with the fields a creation sets")
    func absent() throws {
        let changes = changes(try PlanBuilderTests.desired(), LiveState(permissions: PlanBuilderTests.permissions))
        #expect(
            changes.map { $0.address?.description } == [
                "ServiceAccount/payments-signer", "ServiceAccount/reporting", "Webhook/treasury",
            ])
        for change in changes {
            guard case .absent(let absence) = change.fact else {
                Issue.record("\(change.fact) is not an absence")
                continue
            }
            #expect(change.dfnsId == nil)
            #expect(absence.fields.allSatisfy { $0.before == nil })
        }
        guard case .absent(let signer) = changes[0].fact else { return }
        #expect(signer.fields.map(\.field) == ["name", "permissions", "key.algorithm", "store"])
        #expect(signer.secretNoun == "token")
    }

    @Test("a renamed account differs by name; its permissions match; an unknown live account is unmanaged")
    func differsAndUnmanaged() throws {
        let created = Self.now.addingTimeInterval(-PlanBuilderTests.day)
        let managed = try PlanBuilderTests.managedAccounts(created: created, reportingName: "old reporting name")
        let stranger = PlanBuilderTests.account(
            id: "us-33333-33333-3333333333333333", name: "hand made", marker: nil,
            key: try PrivateSigningKey(generating: .ecdsaP256), created: created)
        let live = LiveState(
            serviceAccounts: managed.accounts + [stranger], permissions: PlanBuilderTests.permissions)
        let changes = changes(try PlanBuilderTests.desired(), live, managed.store)

        let reporting = changes.filter { $0.name == "reporting" }
        #expect(reporting.count == 1)
        guard case .differs(let differences)? = reporting.first?.fact else {
            Issue.record("reporting: \(reporting)")
            return
        }
        #expect(differences.fields.map(\.field) == ["name"])
        #expect(differences.adoption == nil && differences.declaredActive == nil)
        #expect(reporting.first?.dfnsId == "us-22222-22222-2222222222222222")
        #expect(!changes.contains { $0.name == "payments-signer" }, "in sync and steady: no change at all")

        let unmanaged = changes.filter { $0.name == nil }
        #expect(unmanaged.map(\.dfnsId) == ["us-33333-33333-3333333333333333"])
        guard case .unmanaged(let object)? = unmanaged.first?.fact else { return }
        #expect(object.label == "hand made" && object.marker == nil && object.prune == nil)
    }

    @Test("an object whose manifest was removed carries the prune verdict of the Settings policy")
    func pruneVerdict() throws {
        let created = Self.now.addingTimeInterval(-PlanBuilderTests.day)
        let orphan = PlanBuilderTests.account(
            id: "us-44444-44444-4444444444444444", name: "gone", marker: "dfnsops:ServiceAccount/gone",
            key: try PrivateSigningKey(generating: .ecdsaP256), created: created)
        let live = LiveState(serviceAccounts: [orphan], permissions: PlanBuilderTests.permissions)
        // The store still holds the removed manifest's entry, whose version names the account: dfnsops made it.
        var (location, entry) = try PlanBuilderTests.entry(
            "service-accounts/gone", fingerprint: "sha256:0", created: created)
        entry.current?.metadata.principalId = orphan.userInfo.userId
        let store = StoreState(entries: [location: entry])
        for (mode, verdict) in [("none", nil), ("deactivate", ActionType.deactivate), ("delete", .delete)] {
            let desired = try PlanBuilderTests.desired(
                PlanBuilderTests.manifests + """

                    ---
                    apiVersion: dfnsops.dev/v1alpha1
                    kind: Settings
                    metadata: {name: settings}
                    spec: {prune: {mode: \(mode), kinds: [ServiceAccount]}}
                    """)
            let unmanaged = changes(desired, live, store).filter { $0.name == nil }
            guard case .unmanaged(let object)? = unmanaged.first?.fact else {
                Issue.record("prune \(mode): \(unmanaged)")
                continue
            }
            #expect(object.marker == OwnershipMarker(kind: .serviceAccount, name: "gone"))
            #expect(object.prune == verdict, "prune mode \(mode)")

            // Without the store's record the marker proves nothing: reported, never pruned, whatever the policy.
            let foreign = changes(desired, live).filter { $0.name == nil }
            guard case .foreignMarker(let marked)? = foreign.first?.fact, foreign.count == 1 else {
                Issue.record("prune \(mode) without a record: \(foreign)")
                continue
            }
            #expect(marked.marker == OwnershipMarker(kind: .serviceAccount, name: "gone") && !marked.declared)
            #expect(
                PlanBuilder(options: PlanOptions(now: Self.now)).build(
                    changes: foreign, desired: desired, live: live, manifestsDigest: "d"
                ).actions.isEmpty)
        }
    }

    @Test("spec.adopt naming an id that does not exist is a missing adoption, and nothing else")
    func missingAdoption() throws {
        let desired = try PlanBuilderTests.desired(
            PlanBuilderTests.manifests + """

                ---
                apiVersion: dfnsops.dev/v1alpha1
                kind: ServiceAccount
                metadata: {name: legacy}
                spec: {adopt: us-55555-55555-5555555555555555, permissions: [Nope]}
                """)
        let changes = changes(desired, LiveState(permissions: PlanBuilderTests.permissions)).filter {
            $0.name == "legacy"
        }
        #expect(changes.count == 1)
        #expect(changes.first?.fact == .adoptedObjectMissing)
        #expect(changes.first?.dfnsId == "us-55555-55555-5555555555555555")
    }
}
