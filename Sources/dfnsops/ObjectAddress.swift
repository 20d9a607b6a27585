import ArgumentParser
import DfnsOpsCore

/// A `KIND/NAME` argument such as `ServiceAccount/payments-signer`: the objects that rotate.
extension ObjectAddress: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument, kinds: [.serviceAccount, .personalAccessToken, .webhook])
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}
