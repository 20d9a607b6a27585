/// Finds mapping keys built from aliases or collections in YAML text that uses aliases, before Yams sees it.
///
/// Yams checks every mapping for duplicate keys by hashing the keys, aliases expanded; a key such as `? *bomb` or
/// `[*bomb]: x` would be expanded exponentially before the loader's node budget could stop it. Manifests never need
/// such keys, so a document that uses aliases and has one is refused up front. The scan is lexical and linear: it
/// skips comments and single-line quoted strings, and treats `*name` as an alias only where a node can start.
enum AliasKeyGuard {
    /// The 1-based line and column of the first risky key, or `nil` when the text has none or no aliases.
    static func firstRiskyKey(in text: String) -> (line: Int, column: Int)? {
        var sawAlias = false
        var risky: (line: Int, column: Int)?
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var index = 0
            var previous: UInt8 = UInt8(ascii: " ")
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#"), isSpace(previous) { break }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    index = closingQuote(byte, in: bytes, from: index + 1)
                    previous = byte
                    continue
                }
                let atNodeStart = isNodeStart(previous)
                if byte == UInt8(ascii: "*"), atNodeStart, index + 1 < bytes.count, !isSpace(bytes[index + 1]) {
                    sawAlias = true
                    var end = index + 1
                    while end < bytes.count, !isSpace(bytes[end]), !isFlowIndicator(bytes[end]) { end += 1 }
                    if risky == nil, isImplicitKeyEnd(bytes, from: end) {
                        risky = (lineNumber, column(of: index, in: bytes))
                    }
                    previous = bytes[end - 1]
                    index = end
                    continue
                }
                if risky == nil, byte == UInt8(ascii: "?"), atNodeStart,
                    index + 1 == bytes.count || isSpace(bytes[index + 1])
                {
                    risky = (lineNumber, column(of: index, in: bytes))
                }
                if risky == nil, byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}"),
                    isImplicitKeyEnd(bytes, from: index + 1)
                {
                    risky = (lineNumber, column(of: index, in: bytes))
                }
                previous = byte
                index += 1
            }
        }
        return sawAlias ? risky : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
    }

    /// Whether a node may start after `byte`: after whitespace, a flow opener or separator.
    private static func isNodeStart(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",")
    }

    /// Whether optional spaces, then `:` followed by a space or the end of the line, come at `index`.
    private static func isImplicitKeyEnd(_ bytes: [UInt8], from index: Int) -> Bool {
        var index = index
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        return index + 1 == bytes.count || isSpace(bytes[index + 1]) || isFlowIndicator(bytes[index + 1])
    }

    private static func closingQuote(_ quote: UInt8, in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if quote == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// The 1-based column of a byte offset, counting Unicode scalars as libyaml does.
    private static func column(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { count, byte in (byte & 0xC0) == 0x80 ? count : count + 1 }
    }
}
