import Testing

@testable import DfnsOpsCore

@Suite("Ownership markers and credential names")
struct OwnershipMarkerTests {
    @Test("externalId round-trips")
    func externalID() throws {
        let marker = OwnershipMarker(kind: .serviceAccount, name: "payments-signer")
        #expect(marker.externalId == "dfnsops:ServiceAccount/payments-signer")
        #expect(OwnershipMarker(externalId: marker.externalId) == marker)
    }

    @Test(
        "foreign externalIds are not markers",
        arguments: [
            "", "payments-signer", "dfnsops:", "dfnsops:ServiceAccount", "dfnsops:ServiceAccount/", "dfnsops:Robot/x",
            "dfnsops:ServiceAccount/Has Spaces", "DFNSOPS:ServiceAccount/x", "dfnsops:ServiceAccount/a/b",
        ]
    )
    func notMarkers(text: String) {
        #expect(OwnershipMarker(externalId: text) == nil)
    }

    @Test("webhook descriptions carry the marker as a suffix, and split back")
    func webhookDescription() {
        let marker = OwnershipMarker(kind: .webhook, name: "treasury")
        #expect(marker.webhookDescriptionSuffix == " [dfnsops:Webhook/treasury]")
        #expect(marker.webhookDescription("Treasury events") == "Treasury events [dfnsops:Webhook/treasury]")
        #expect(marker.webhookDescription(nil) == "[dfnsops:Webhook/treasury]")

        let split = OwnershipMarker.splitWebhookDescription("Treasury events [dfnsops:Webhook/treasury]")
        #expect(split.description == "Treasury events")
        #expect(split.marker == marker)
        #expect(OwnershipMarker.splitWebhookDescription("[dfnsops:Webhook/treasury]").description == "")
        let foreign = OwnershipMarker.splitWebhookDescription("Made by hand [see ticket]")
        #expect(foreign.marker == nil)
        #expect(foreign.description == "Made by hand [see ticket]")
    }

    @Test("credential names carry the generation")
    func credentialNames() throws {
        let name = CredentialName(
            marker: OwnershipMarker(kind: .personalAccessToken, name: "ci-deployer"), generation: 3)
        #expect(name.description == "dfnsops:PersonalAccessToken/ci-deployer#3")
        #expect(CredentialName(parsing: name.description) == name)
        #expect(name.next.generation == 4)
        for text in [
            "dfnsops:ServiceAccount/x", "dfnsops:ServiceAccount/x#", "dfnsops:ServiceAccount/x#0",
            "dfnsops:ServiceAccount/x#-1", "laptop#2",
        ] {
            #expect(CredentialName(parsing: text) == nil, "\(text)")
        }
    }

    @Test("declared objects expose their marker and reference")
    func declared() {
        let declared = Declared(
            metadata: ManifestMetadata(name: "treasury"),
            spec: WebhookSpec(url: "https://example.com", events: ["*"]),
            origin: ManifestOrigin(
                file: "w.yaml", documentIndex: 0, location: SourceLocation(file: "w.yaml", line: 1, column: 1))
        )
        #expect(declared.marker.externalId == "dfnsops:Webhook/treasury")
        #expect(declared.address.description == "Webhook/treasury")
        #expect(ManifestKind.webhook.isMarked)
        #expect(!ManifestKind.secretStore.isMarked)
    }
}
