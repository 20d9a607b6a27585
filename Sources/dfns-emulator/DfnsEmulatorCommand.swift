import ArgumentParser
import DfnsAPI
import DfnsEmulator
import Foundation
import Hummingbird
import Logging

extension KeyAlgorithm: ExpressibleByArgument {}

/// `dfns-emulator`: a local Dfns API for tests, demos and `dfnsops --sandbox`.
@main
struct DfnsEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dfns-emulator",
        abstract: "A local Dfns API: real signature checks, one-time user actions, signed webhooks, fault injection.",
        discussion: """
            Listens on 127.0.0.1 and prints `listening on http://127.0.0.1:PORT` on stdout once it accepts \
            requests. On first start it creates an organisation and an operator (a CustomerEmployee with a Key \
            credential and every permission). Logs go to stderr. SIGINT or SIGTERM stops it cleanly.
            See docs/emulator.md for the admin API, the seed format and fault injection.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 0

    @Option(
        help: ArgumentHelp(
            "Keep the state in this JSON file: loaded on start, written atomically after every change.",
            valueName: "file"))
    var state: String?

    @Option(
        help: ArgumentHelp(
            "Load fixture objects from this JSON file into a fresh state (see docs/emulator.md).", valueName: "file"))
    var seed: String?

    @Option(
        help: ArgumentHelp(
            "Write operator.env (DFNS_API_URL, DFNS_AUTH_TOKEN, DFNS_CRED_ID, DFNS_PRIVATE_KEY) and operator-key.pem here, mode 0600.",
            valueName: "dir"))
    var bootstrapOut: String?

    @Option(help: "The key algorithm of the operator's credential: ecdsa-p256, ed25519 or rsa-2048.")
    var operatorKeyAlgorithm: KeyAlgorithm = .ecdsaP256

    @Option(help: "How many days the operator's token stays valid.")
    var operatorTokenDays = 365

    @Flag(help: "Serve the admin API under /_emulator/ (state, clock, faults, events, approvals, request counts).")
    var admin = false

    @Flag(
        help: ArgumentHelp(
            "Allow --admin on a --host other than loopback. The admin API is unauthenticated: anyone who reaches the "
                + "port can mint tokens and read every secret."))
    var adminOnNetwork = false

    @Flag(help: "Stop the clock; only the admin API moves it (POST /_emulator/clock/advance).")
    var manualClock = false

    @Option(help: "Requests per minute per organisation before 429 with Retry-After; 0 turns the limit off.")
    var rateLimit = 1000

    @Option(help: "How many webhooks one organisation may have.")
    var webhookLimit = 5

    @Option(
        help: ArgumentHelp("How long webhook deliveries may take before they count as failed.", valueName: "seconds"))
    var webhookTimeout: Double = 10

    @Option(help: ArgumentHelp("How long user-action challenges and tokens stay valid.", valueName: "seconds"))
    var userActionTtl: Double = 300

    @Flag(help: "Refuse /auth/credentials* to service-account and PAT callers (403), as the endpoint pages say.")
    var strictCredentialMatrix = false

    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp(
            "Inject a fault: 'METHOD PATH ACTION [status=N] [nth=N] [probability=F] [times=N] [latency=MS]'; "
                + "ACTION is fail, drop, latency, commit-then-fail or commit-then-drop; PATH may use *. Repeatable.",
            valueName: "spec"))
    var faults: [String] = []

    @Option(help: "Seed for the random choice of fractional (probability=) faults, to repeat a run.")
    var faultSeed: UInt64?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 (off) or more") }
        guard webhookLimit >= 0 else { throw ValidationError("--webhook-limit must be 0 or more") }
        guard operatorTokenDays >= 1 else { throw ValidationError("--operator-token-days must be 1 or more") }
        if admin, !adminOnNetwork, !DfnsClientConfiguration.isLoopback(host: host) {
            throw ValidationError(
                "--admin on --host \(host) would serve the unauthenticated admin API (token minting, the state with "
                    + "every secret) to the network; listen on 127.0.0.1, or add --admin-on-network if you mean it")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        for spec in faults {
            do { _ = try FaultRule(spec: spec) } catch { throw ValidationError("--fault \(error)") }
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dfns-emulator")
        if admin, !DfnsClientConfiguration.isLoopback(host: host) {
            logger.warning(
                "the unauthenticated admin API is served on \(host), beyond this machine (--admin-on-network)")
        }
        let configuration = EmulatorConfiguration(
            host: host, port: port, rateLimitPerMinute: rateLimit, webhookLimit: webhookLimit,
            strictCredentialMatrix: strictCredentialMatrix, adminEnabled: admin, statePath: state, seedPath: seed,
            operatorKeyAlgorithm: operatorKeyAlgorithm,
            operatorTokenLifetime: TimeInterval(operatorTokenDays) * 86_400, userActionLifetime: userActionTtl,
            faults: try faults.map(FaultRule.init(spec:)), faultSeed: faultSeed, webhookTimeout: webhookTimeout,
            manualClock: manualClock)
        let emulator: Emulator
        do {
            emulator = try await Emulator.make(configuration: configuration, logger: logger)
        } catch {
            logger.error("\(error)")
            throw ExitCode.failure
        }
        let identity = try await emulator.operatorCredentials()
        logger.info(
            "organisation ready",
            metadata: [
                "org": "\(identity.orgId)", "operator": "\(identity.userId)",
                "state": "\(state ?? "memory only")", "admin": "\(admin)",
            ])
        let host = self.host
        let bootstrapOut = self.bootstrapOut
        let application = emulator.buildApplication { port in
            let url = "http://\(host):\(port)"
            if let bootstrapOut {
                do {
                    let credentials = try await emulator.operatorCredentials(apiURL: url)
                    let file = try BootstrapFiles.write(credentials, to: bootstrapOut)
                    logger.info("wrote operator credentials", metadata: ["file": "\(file.path)"])
                } catch {
                    logger.critical("cannot write the bootstrap files: \(error)")
                    Foundation.exit(1)
                }
            }
            FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
        }
        try await application.runService()
    }
}
