import AsyncHTTPClient
import DfnsAPI
import Foundation
import Hummingbird
import Logging

/// An emulated Dfns API: its store, clock, faults, approvals and request ledger, and the router that serves them.
///
/// Build one with `Emulator.make(configuration:)`, then serve `buildApplication()` (the `dfns-emulator` executable),
/// start it in-process with `EmulatorServer`, or test its router with `app.test(.router)`.
public struct Emulator: Sendable {
    /// The configuration the emulator was made with.
    public let configuration: EmulatorConfiguration
    /// The clock; a `ManualEmulatorClock` with `manualClock`.
    public let clock: any EmulatorClock
    /// The organisations and everything in them.
    public let store: EmulatorStore
    /// The injected faults.
    public let faults: FaultInjector
    /// Calls held for policy approval.
    public let approvals: ApprovalQueue
    /// Counts of the requests received.
    public let ledger: RequestLedger
    let rateLimiter: RateLimiter
    let logger: Logger

    /// Opens the state (or bootstraps an organisation and applies the seed) and prepares everything to serve.
    /// - Parameters:
    ///   - configuration: flags and limits.
    ///   - clock: the clock to use; by default a manual clock with `configuration.manualClock`, else the wall clock.
    ///   - logger: where the emulator logs.
    /// - Throws: `EmulatorStartupError` for unreadable state or seed files.
    public static func make(
        configuration: EmulatorConfiguration, clock: (any EmulatorClock)? = nil,
        logger: Logger = Logger(label: "dfns-emulator")
    ) async throws -> Emulator {
        let clock = clock ?? (configuration.manualClock ? ManualEmulatorClock() : SystemEmulatorClock())
        let store = try await EmulatorStore.open(configuration: configuration, clock: clock)
        return Emulator(
            configuration: configuration, clock: clock, store: store,
            faults: FaultInjector(rules: configuration.faults, seed: configuration.faultSeed),
            approvals: ApprovalQueue(clock: clock), ledger: RequestLedger(),
            rateLimiter: RateLimiter(limit: configuration.rateLimitPerMinute, clock: clock), logger: logger)
    }

    /// The first organisation's operator, with `apiURL` as its base URL.
    /// - Throws: `EmulatorStartupError` when the state holds no operator.
    public func operatorCredentials(apiURL: String = "") async throws -> OperatorCredentials {
        guard let first = await store.operatorCredentials(apiURL: apiURL).first else {
            throw EmulatorStartupError("the emulator state has no operator; delete the state file to bootstrap anew")
        }
        return first
    }

    /// The router: every Dfns endpoint, and the admin API when `adminEnabled`.
    public func buildRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: RequestLedgerMiddleware(ledger: ledger))
        router.add(middleware: ErrorEnvelopeMiddleware())
        router.add(middleware: FaultMiddleware(injector: faults))
        let gateway = APIGateway(
            store: store, rateLimiter: rateLimiter, approvals: approvals,
            strictCredentialMatrix: configuration.strictCredentialMatrix)
        let dispatcher = WebhookDispatcher(
            store: store, deliverer: WebhookDeliverer(timeout: configuration.webhookTimeout, logger: logger),
            clock: clock)
        let api = APIRouter(router: router, gateway: gateway)
        UserActionRoutes().register(on: api)
        CredentialRoutes().register(on: api)
        ServiceAccountRoutes().register(on: api)
        PersonalAccessTokenRoutes().register(on: api)
        UserRoutes().register(on: api)
        WebhookRoutes(dispatcher: dispatcher).register(on: api)
        PermissionRoutes().register(on: api)
        PolicyApprovalRoutes().register(on: api)
        if configuration.adminEnabled {
            AdminRoutes(emulator: self, dispatcher: dispatcher).register(on: router)
        }
        return router
    }

    /// The Hummingbird application serving `buildRouter()` on the configured host and port.
    /// - Parameter onServerRunning: called with the bound port once the server listens.
    public func buildApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "dfns-emulator"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

/// Builds the emulator and its application in one step: the entry point for tests and `dfnsops --sandbox`.
/// - Parameters:
///   - configuration: flags and limits.
///   - onServerRunning: called with the bound port once the server listens.
/// - Returns: the emulator (for its store and operator) and the application to run.
/// - Throws: `EmulatorStartupError` for unreadable state or seed files.
public func buildApplication(
    configuration: EmulatorConfiguration, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> (emulator: Emulator, application: some ApplicationProtocol) {
    let emulator = try await Emulator.make(configuration: configuration)
    return (emulator, emulator.buildApplication(onServerRunning: onServerRunning))
}
