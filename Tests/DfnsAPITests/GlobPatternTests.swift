import DfnsAPI
import Testing

@Suite("Glob patterns")
struct GlobPatternTests {
    @Test(
        "globs match whole names and paths",
        arguments: [
            ("legacy-*", "legacy-bot", true), ("legacy-*", "legacy-", true), ("legacy-*", "new-legacy-bot", false),
            ("us-?????-*", "us-abcde-xyz", true), ("*", "", true), ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("exact", "exact", true), ("exact", "exactly", false),
            ("/auth/*", "/auth/service-accounts/sa-1/deactivate", true), ("/webhooks/*/ping", "/webhooks/wh-1", false),
            ("/webhooks/*/ping", "/webhooks/wh-1/ping", true),
        ]
    )
    func glob(pattern: String, text: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(text) == matches)
    }
}
