import DfnsAPI
import Foundation

/// Everything that shapes an emulator: where it listens, its limits, its files and its optional behaviours.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind; the emulator is meant for loopback only.
    public var host: String
    /// The port to bind; 0 picks a free port.
    public var port: Int
    /// Requests per minute per organisation before 429; 0 turns rate limiting off.
    public var rateLimitPerMinute: Int
    /// How many webhooks one organisation may have.
    public var webhookLimit: Int
    /// Refuse the `/auth/credentials*` endpoints to service-account and PAT callers (403), as the endpoint
    /// reference pages say, instead of letting them manage their own Key credentials as the rotation guide says.
    public var strictCredentialMatrix: Bool
    /// Serve the admin API under `/_emulator/`.
    public var adminEnabled: Bool
    /// A JSON file the state is loaded from on start and written to after every mutation; nil keeps it in memory.
    public var statePath: String?
    /// A JSON file of fixture objects loaded into a fresh state (see docs/emulator.md).
    public var seedPath: String?
    /// The key algorithm of the bootstrapped operator's credential.
    public var operatorKeyAlgorithm: KeyAlgorithm
    /// How long the operator's token stays valid.
    public var operatorTokenLifetime: TimeInterval
    /// How long a user-action challenge and a user-action token stay valid.
    public var userActionLifetime: TimeInterval
    /// Faults installed at start; more can be added through the admin API.
    public var faults: [FaultRule]
    /// Seed for the random choice of fractional faults, so that a run can be repeated; nil picks one.
    public var faultSeed: UInt64?
    /// How long a webhook delivery may take before it counts as failed.
    public var webhookTimeout: TimeInterval
    /// Stop the clock at start; it then moves only through the admin API (`POST /_emulator/clock/advance`).
    public var manualClock: Bool

    /// Creates a configuration; every parameter has the default the `dfns-emulator` flags use.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        rateLimitPerMinute: Int = 1000,
        webhookLimit: Int = 5,
        strictCredentialMatrix: Bool = false,
        adminEnabled: Bool = false,
        statePath: String? = nil,
        seedPath: String? = nil,
        operatorKeyAlgorithm: KeyAlgorithm = .ecdsaP256,
        operatorTokenLifetime: TimeInterval = 365 * 86_400,
        userActionLifetime: TimeInterval = 300,
        faults: [FaultRule] = [],
        faultSeed: UInt64? = nil,
        webhookTimeout: TimeInterval = 10,
        manualClock: Bool = false
    ) {
        self.host = host
        self.port = port
        self.rateLimitPerMinute = rateLimitPerMinute
        self.webhookLimit = webhookLimit
        self.strictCredentialMatrix = strictCredentialMatrix
        self.adminEnabled = adminEnabled
        self.statePath = statePath
        self.seedPath = seedPath
        self.operatorKeyAlgorithm = operatorKeyAlgorithm
        self.operatorTokenLifetime = operatorTokenLifetime
        self.userActionLifetime = userActionLifetime
        self.faults = faults
        self.faultSeed = faultSeed
        self.webhookTimeout = webhookTimeout
        self.manualClock = manualClock
    }
}
