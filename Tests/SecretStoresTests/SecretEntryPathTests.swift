import SecretStores
import Testing

@Suite("SecretEntryPath")
struct SecretEntryPathTests {
    @Test(
        "accepts relative paths of safe components",
        arguments: ["a", "service-accounts/payments-signer", "webhooks/orders.v2", "x/y_z/0-9", "A.b"]
    )
    func accepts(path: String) throws {
        let parsed = try SecretEntryPath(path)
        #expect(parsed.rawValue == path)
        #expect(try SecretEntryPath(components: parsed.components) == parsed)
    }

    @Test(
        "refuses paths that could escape the store or collide with bookkeeping names",
        arguments: [
            "", "/abs", "a//b", "a/", "..", "a/../b", ".", "a/./b", ".hidden", "a/.tmp", "a b", "a/@labels",
            "ü", "a\\b", "a\nb", String(repeating: "x", count: 129),
        ]
    )
    func refuses(path: String) {
        #expect(throws: SecretStoreError.self) { try SecretEntryPath(path) }
    }

    @Test("the error names the path and the rule")
    func errorText() {
        let error = #expect(throws: SecretStoreError.self) { try SecretEntryPath("a/../b") }
        #expect(error?.description.contains("`a/../b`") == true)
        #expect(error?.description.contains("`..`") == true)
    }

    @Test("prefixes match whole components")
    func within() throws {
        let entry = try SecretEntryPath("service-accounts/a/nested")
        #expect(entry.isWithin(try SecretEntryPath("service-accounts")))
        #expect(entry.isWithin(try SecretEntryPath("service-accounts/a/nested")))
        #expect(!entry.isWithin(try SecretEntryPath("service")))
        #expect(!(try SecretEntryPath("service-accounts-old/x")).isWithin(try SecretEntryPath("service-accounts")))
    }

    @Test("sorting is component-wise")
    func sorting() throws {
        let paths = try ["a-b", "a/b", "a"].map { try SecretEntryPath($0) }
        #expect(paths.sorted().map(\.rawValue) == ["a", "a/b", "a-b"])
    }
}
