import DfnsAPI
import DfnsOpsCore
import Foundation
import Testing

/// Findings are listed by what a reader recognises, not by random Dfns ids: unmanaged objects by their name or URL.
@Suite("Plan builder: the order of findings")
struct PlanDriftOrderTests {
    @Test("unmanaged objects are listed by name, whatever their ids")
    func unmanagedByName() throws {
        let key = try PrivateSigningKey(generating: .ecdsaP256)
        let created = PlanBuilderTests.now.addingTimeInterval(-PlanBuilderTests.day)
        // Ids sort opposite to names.
        let live = LiveState(
            serviceAccounts: [
                PlanBuilderTests.account(
                    id: "us-11111-11111-1111111111111111", name: "zeta exporter", marker: nil, key: key,
                    created: created),
                PlanBuilderTests.account(
                    id: "us-99999-99999-9999999999999999", name: "alpha importer", marker: nil, key: key,
                    created: created),
            ],
            permissions: PlanBuilderTests.permissions)
        let desired = try PlanBuilderTests.desired(
            """
            apiVersion: dfnsops.dev/v1alpha1
            kind: SecretStore
            metadata: {name: local}
            spec: {type: file, file: {directory: .dfnsops/secrets}}
            """)
        let plan = PlanBuilder(options: PlanOptions(now: PlanBuilderTests.now)).build(
            desired: desired, live: live, store: StoreState(), manifestsDigest: "sha256:0000000000000000")
        #expect(plan.notes.map(\.finding) == [.unmanaged, .unmanaged])
        #expect(
            plan.notes.map(\.dfnsId) == ["us-99999-99999-9999999999999999", "us-11111-11111-1111111111111111"])
        #expect(plan.notes.first?.message.hasPrefix("alpha importer:") == true)
    }
}
