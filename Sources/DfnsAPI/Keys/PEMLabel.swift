import Foundation

/// Reads the label of the first PEM block in a text (`PRIVATE KEY`, `EC PRIVATE KEY`, …).
enum PEMLabel {
    static func first(in text: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let rest = text[begin.upperBound...]
        guard let end = rest.range(of: "-----") else { return nil }
        return String(rest[..<end.lowerBound])
    }
}
