import SecretStores
import TestSupport
import Testing

@Suite("SecretMaterial redaction")
struct SecretMaterialRedactionTests {
    static let samples: [SecretStoreSampleMaterial] = [
        .privateKey(), .privateKey(withToken: false), .webhookSecret(),
    ]

    @Test("no way of printing material shows a value", arguments: samples)
    func printing(sample: SecretStoreSampleMaterial) {
        let material = sample.material
        var dumped = ""
        dump(material, to: &dumped)
        var dumpedArray = ""
        dump([material], to: &dumpedArray)
        let renderings = [
            material.description,
            material.debugDescription,
            "\(material)",
            String(describing: material),
            String(reflecting: material),
            String(describing: Optional(material)),
            String(describing: [material]),
            dumped,
            dumpedArray,
            Mirror(reflecting: material).children.map { "\($0.label ?? ""): \($0.value)" }.joined(),
        ]
        for rendering in renderings {
            for secret in sample.secretValues {
                #expect(!rendering.contains(secret), "a rendering shows a secret: \(rendering.count) characters")
            }
            #expect(rendering.contains("redacted"))
        }
    }

    @Test("the accessors return the values")
    func accessors() {
        let key = SecretMaterial.privateKey(pem: "PEM", credentialId: "cr-1", token: "tok")
        #expect(key.kind == .privateKey)
        #expect(key.privateKeyPEM == "PEM")
        #expect(key.credentialId == "cr-1")
        #expect(key.token == "tok")
        #expect(key.webhookSecret == nil)
        let webhook = SecretMaterial.webhookSecret("s")
        #expect(webhook.kind == .webhookSecret)
        #expect(webhook.webhookSecret == "s")
        #expect(webhook.privateKeyPEM == nil && webhook.token == nil && webhook.credentialId == nil)
    }

}

extension SecretStoreSampleMaterial: CustomTestStringConvertible {
    public var testDescription: String { material.kind.rawValue + (material.token == nil ? "" : "+token") }
}
