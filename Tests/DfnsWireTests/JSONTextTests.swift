import DfnsWire
import Testing

@Suite("JSON text")
struct JSONTextTests {
    @Test(
        "a string literal escapes quotes, backslashes and control characters, and leaves / and non-ASCII alone",
        arguments: [
            ("plain", #""plain""#), ("a\"b\\c", #""a\"b\\c""#), ("l1\nl2\r\t", #""l1\nl2\r\t""#),
            ("\u{01}\u{1f}", #""\u0001\u001f""#), ("/auth/é", #""/auth/é""#),
        ])
    func quote(value: String, expected: String) {
        #expect(JSONText.quote(value) == expected)
    }
}
