import DfnsAPI
import DfnsOpsCore
import Foundation
import Testing

@Suite("Example and good manifests")
struct ExampleManifestTests {
    func validateExamples() -> ManifestValidation {
        let (sources, input) = ManifestLoader().load([ManifestFixtures.examples.path])
        return ManifestValidator().validate(sources, inputDiagnostics: input)
    }

    @Test("manifests/examples validates with no diagnostics")
    func examplesAreValid() {
        let validation = validateExamples()
        #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
        #expect(validation.fileCount == 10)
        #expect(validation.manifestCount == 10)
    }

    @Test("the examples form the documented organisation")
    func examplesDesiredState() throws {
        let state = validateExamples().desiredState
        #expect(
            state.serviceAccounts.map(\.name) == [
                "dfnsops-operator", "payments-signer", "reporting-exporter", "treasury-bot",
            ])
        #expect(state.personalAccessTokens.map(\.name) == ["ci-deployer"])
        #expect(state.webhooks.map(\.name) == ["audit-firehose", "treasury"])
        #expect(state.passkeyPolicies.count == 1)
        #expect(state.secretStores.map(\.name) == ["local"])
        #expect(state.settingsManifest?.name == "acme")
        #expect(state.count == 10)

        let operatorManifest = try #require(state.operatorManifest)
        #expect(operatorManifest.address.description == "ServiceAccount/dfnsops-operator")

        let algorithms = Set(state.serviceAccounts.map(\.spec.key.algorithm))
        #expect(algorithms == [.ecdsaP256, .ed25519, .rsa3072])
    }

    @Test("Settings defaults fill stores and rotation values that manifests leave out")
    func defaultsAreApplied() throws {
        let state = validateExamples().desiredState
        let treasuryBot = try #require(state.serviceAccounts.first { $0.name == "treasury-bot" })
        #expect(treasuryBot.spec.name == "Treasury rebalancer")
        #expect(treasuryBot.spec.store == StoreReference(ref: "local", path: "service-accounts/treasury-bot"))
        #expect(treasuryBot.spec.key.rotation.maxAge == .days(30))
        #expect(treasuryBot.spec.key.rotation.overlap == .hours(12))
        #expect(treasuryBot.spec.key.rotation.retain == .days(30))
        #expect(treasuryBot.spec.key.rotation.trigger == "2026-11")
        #expect(treasuryBot.spec.active)
        #expect(treasuryBot.spec.management == .managed)

        let exporter = try #require(state.serviceAccounts.first { $0.name == "reporting-exporter" })
        #expect(exporter.spec.name == "reporting-exporter")
        #expect(exporter.spec.key.rotation.strategy == .replace)
        #expect(exporter.spec.key.rotation.maxAge == .days(364))

        let audit = try #require(state.webhooks.first { $0.name == "audit-firehose" })
        #expect(audit.spec.events == ["*"])
        #expect(audit.spec.status == .enabled)
        #expect(audit.spec.secret.store == StoreReference(ref: "local", path: "webhooks/audit-firehose"))
        #expect(audit.spec.secret.rotation.retain == .days(30))
        #expect(
            audit.marker.webhookDescription(audit.spec.description)
                == "Security log pipeline [dfnsops:Webhook/audit-firehose]")

        let settings = state.settings
        #expect(settings.guards == GuardLimits(maxDeactivations: 3, maxRotations: 5))
        #expect(settings.prune.mode == PrunePolicy.Mode.none)
        #expect(settings.driftIgnore.count == 2)
        #expect(settings.driftIgnore[0].expires == Date(timeIntervalSince1970: 1_806_451_200))
    }

    @Test("origins point at the declaring file, line and column")
    func originsAreKept() throws {
        let state = validateExamples().desiredState
        let signer = try #require(state.serviceAccounts.first { $0.name == "payments-signer" })
        #expect(signer.origin.file.hasSuffix("manifests/examples/service-accounts/payments-signer.yaml"))
        #expect(signer.origin.location.line == 3)
        #expect(signer.origin.nameLocation.line == 6)
        #expect(signer.origin.nameLocation.column == 9)
        #expect(signer.origin.location(of: "spec.key.rotation.maxAge").line == 17)
        #expect(signer.origin.location(of: "spec.key.rotation.maxAge").column == 15)
        #expect(signer.origin.location(of: "spec.permissions[0]").line == 12)
        // An unset path falls back to the nearest set ancestor.
        #expect(
            signer.origin.location(of: "spec.key.rotation.trigger") == signer.origin.location(of: "spec.key.rotation"))
    }

    @Test("good fixtures validate", arguments: ManifestFixtures.yamlFiles(in: ManifestFixtures.good))
    func goodFixturesAreValid(_ name: String) throws {
        let text = try ManifestFixtures.text(ManifestFixtures.good.appendingPathComponent(name))
        let validation = ManifestValidator().validate(text, file: name)
        #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
        #expect(validation.manifestCount > 0)
    }

    @Test("anchors, aliases and merge keys are expanded; explicit keys win over merged ones")
    func mergeKeys() throws {
        let text = try ManifestFixtures.text(
            ManifestFixtures.good.appendingPathComponent("anchors-and-merge-keys.yaml"))
        let state = ManifestValidator().validate(text, file: "x.yaml").desiredState
        let merged = try #require(state.serviceAccounts.first { $0.name == "merged" })
        #expect(merged.spec.key.rotation == RotationPolicy(maxAge: .days(90), overlap: .days(1), retain: .days(30)))
    }

    @Test("defaults of an almost empty ServiceAccount")
    func serviceAccountDefaults() throws {
        let text = try ManifestFixtures.text(ManifestFixtures.good.appendingPathComponent("minimal.yaml"))
        let state = ManifestValidator().validate(text, file: "minimal.yaml").desiredState
        let bare = try #require(state.serviceAccounts.first)
        #expect(
            bare.spec
                == KeyedPrincipalSpec(
                    kind: .serviceAccount, name: "bare",
                    store: StoreReference(ref: "plugin", path: "service-accounts/bare"))
        )
        #expect(bare.spec.key.algorithm == .ecdsaP256)
        #expect(bare.spec.key.rotation.strategy == .rekey)
        let store = try #require(state.secretStores.first)
        #expect(
            store.spec.backend
                == .exec(
                    plugin: "dir", arguments: ["--root", "/var/lib/dfns", "--root", "/backup"],
                    timeout: ManifestDuration(seconds: 30))
        )
        let pat = try #require(state.personalAccessTokens.first)
        #expect(pat.spec.secondsValid == 3_600)
        #expect(pat.spec.adopt == "to-1a2b3-4c5d6-7e8f9g0h1i2j3k4l")
        #expect(state.passkeyPolicies.first?.spec.users == .usernames(["alice@acme.example", "bob@acme.example"]))
    }
}
