import Hummingbird
import NIOCore

/// The request context of the emulator's router: Hummingbird's core context plus the connection's channel,
/// which fault injection closes to drop a connection without answering.
public struct EmulatorRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    let channel: any Channel

    /// Creates a context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Request bodies up to 4 MiB.
    public var maxUploadSize: Int { 4 << 20 }
}
