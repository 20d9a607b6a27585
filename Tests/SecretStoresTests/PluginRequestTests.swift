import Foundation
import Testing

@testable import SecretStores

@Suite("Plugin request format")
struct PluginRequestTests {
    @Test("requests have one member per line, in a fixed order, with a base64 value")
    func layout() throws {
        let request = PluginRequest(operation: .put, key: "webhooks/orders/@v3", value: Data("secret".utf8))
        let text = String(decoding: request.encoded(), as: UTF8.self)
        #expect(
            text == """
                {
                  "protocol": 1,
                  "operation": "put",
                  "key": "webhooks/orders/@v3",
                  "value": "c2VjcmV0"
                }

                """)
        let parsed = try JSONSerialization.jsonObject(with: request.encoded()) as? [String: Any]
        #expect(parsed?["key"] as? String == "webhooks/orders/@v3")
    }

    @Test("list requests carry a prefix, and strings are escaped as JSON")
    func escaping() throws {
        let request = PluginRequest(operation: .list, prefix: "a\"b\\c\n")
        let parsed = try JSONSerialization.jsonObject(with: request.encoded()) as? [String: Any]
        #expect(parsed?["prefix"] as? String == "a\"b\\c\n")
        #expect(parsed?["operation"] as? String == "list")
    }

    @Test("a request's description never shows its value")
    func description() {
        let request = PluginRequest(operation: .put, key: "k", value: Data("secret".utf8))
        #expect(!request.description.contains("secret"))
        #expect(!request.description.contains("c2VjcmV0"))
    }
}
