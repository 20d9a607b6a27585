import DfnsAPI

/// The steps a rotate action took, for its result message.
struct RotationLog: Sendable {
    var steps: [String] = []
    var fingerprints: [String: String] = [:]
    var principalId: String?
    var path: String?
    var newOperatorIdentity: DfnsIdentity?

    mutating func add(_ step: String, fingerprint: (String, String)? = nil) {
        steps.append(step)
        if let fingerprint { fingerprints[fingerprint.0] = fingerprint.1 }
    }

    var message: String {
        var text = steps.joined(separator: "; ")
        if let path { text += " [credential path: \(path)]" }
        return text
    }
}
