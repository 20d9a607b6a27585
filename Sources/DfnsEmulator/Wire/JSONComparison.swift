import DfnsAPI
import Foundation

/// Compares a signed user-action payload with a request body as JSON values, not bytes.
///
/// The official Python SDK signs `json.dumps` text (non-ASCII escaped, compact) but sends the body through httpx
/// (raw UTF-8), so equal values arrive as different bytes. The SDK also signs `""` for an empty dictionary while
/// httpx sends `{}`, so an empty payload matches an empty body or an empty JSON object, and nothing else.
enum JSONComparison {
    /// Whether `payload` (the declared text) and `body` (the bytes received) carry the same JSON value.
    static func payload(_ payload: String, matches body: Data) -> Bool {
        let declared = payload.trimmingCharacters(in: .whitespacesAndNewlines)
        let received = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if declared.isEmpty || received.isEmpty {
            let emptyObject = JSONValue.object([:])
            let other = declared.isEmpty ? received : declared
            return other.isEmpty || value(Data(other.utf8)) == emptyObject
        }
        guard let left = value(Data(declared.utf8)), let right = value(Data(received.utf8)) else {
            return declared == received
        }
        return left == right
    }

    /// The JSON value of `data`, or nil when it is not JSON.
    static func value(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
