import Foundation

/// One state-changing request, as the client is about to sign and send it.
public struct MutationRequest: Sendable, Hashable {
    /// `POST`, `PUT` or `DELETE`.
    public var method: String
    /// The path with parameters filled in, no query string.
    public var path: String
    /// The exact body that will be sent, when there is one.
    public var body: Data?

    public init(method: String, path: String, body: Data?) {
        self.method = method
        self.path = path
        self.body = body
    }
}

/// Decides whether a mutating request may be sent. A client with a gate asks it before the user action is even
/// requested, so a refused request sends nothing at all.
public protocol MutationGate: Sendable {
    /// Returns when the request may go; throws the error the call then fails with.
    func admit(_ request: MutationRequest) throws

    /// Told what a credential list returned, so that a gate can recognise a credential named by its id
    /// (`credentialId`, which a plan made from the store knows) in a request that names it by `credentialUuid`.
    func learn(_ credentials: [Credential])
}

extension MutationGate {
    /// Learns nothing.
    public func learn(_ credentials: [Credential]) {}
}
