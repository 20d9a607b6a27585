import ArgumentParser
import DfnsOpsCore

/// A `KIND/NAME` argument such as `ServiceAccount/payments-signer`.
struct ObjectAddress: ExpressibleByArgument, CustomStringConvertible {
    var kind: ManifestKind
    var name: String

    init?(argument: String) {
        let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        let kinds: [ManifestKind] = [.serviceAccount, .personalAccessToken, .webhook]
        guard let kind = kinds.first(where: { $0.rawValue.lowercased() == parts[0].lowercased() }) else { return nil }
        self.kind = kind
        self.name = parts[1]
    }

    var description: String { "\(kind.rawValue)/\(name)" }

    static var defaultCompletionKind: CompletionKind { .default }
}
