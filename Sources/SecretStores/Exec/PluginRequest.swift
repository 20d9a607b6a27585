import DfnsWire
import Foundation

/// One request of the exec-plugin protocol (see docs/secret-stores.md).
///
/// The request is a JSON object written with one member per line, in a fixed order: `protocol`, `operation`,
/// then `key` or `prefix`, then `value`. Keys contain only `A–Z a–z 0–9 . _ - @ /` and values are base64, so a
/// plugin written in plain shell can pick fields out with `sed`; a plugin may equally parse it with any JSON
/// parser.
struct PluginRequest: Sendable, CustomStringConvertible {
    /// The protocol version sent in every request.
    static let protocolVersion = 1

    /// The operations a plugin implements.
    enum Operation: String, Sendable, CaseIterable {
        /// Read one key: reply `{"value": "<base64>"}` or `{"found": false}`. dfnsops sends it only for version
        /// keys (`<entry>/@v<n>`), which hold secret material.
        case get
        /// Read one bookkeeping key, with the same reply as `get`. dfnsops sends it only for labels records
        /// (`<entry>/@labels`), which hold no secret value, so a plugin can serve it with credentials that can read
        /// metadata only.
        case getMetadata = "get-metadata"
        /// Write one key atomically: reply `{}`.
        case put
        /// Delete one key (missing is fine): reply `{}`.
        case delete
        /// List the keys starting with a prefix: reply `{"keys": [...]}`.
        case list
    }

    let operation: Operation
    var key: String?
    var prefix: String?
    var value: Data?

    /// The request as sent on the plugin's stdin.
    func encoded() -> Data {
        var members: [(String, String)] = [
            ("protocol", String(Self.protocolVersion)),
            ("operation", JSONText.quote(operation.rawValue)),
        ]
        if let key { members.append(("key", JSONText.quote(key))) }
        if let prefix { members.append(("prefix", JSONText.quote(prefix))) }
        if let value { members.append(("value", JSONText.quote(value.base64EncodedString()))) }
        let lines = members.enumerated().map { offset, member in
            "  \"\(member.0)\": \(member.1)" + (offset == members.count - 1 ? "" : ",")
        }
        return Data((["{"] + lines + ["}", ""]).joined(separator: "\n").utf8)
    }

    /// Names the operation and key only; the value is never shown.
    var description: String {
        "PluginRequest(\(operation.rawValue), key: \(key ?? prefix ?? "none"), value: \(value == nil ? "none" : "<redacted>"))"
    }

}
