import Foundation
import Hummingbird
import Logging

/// An emulator running in-process on a loopback port: start it, use `url` and `operatorCredentials`, stop it.
public final class EmulatorServer: Sendable {
    /// The emulator being served.
    public let emulator: Emulator
    /// The base URL, such as `http://127.0.0.1:54321`.
    public let url: String
    /// The bound port.
    public let port: Int
    /// The first organisation's operator, with `apiURL` set to `url`.
    public let operatorCredentials: OperatorCredentials
    private let task: Task<Void, any Error>

    private init(
        emulator: Emulator, url: String, port: Int, operatorCredentials: OperatorCredentials,
        task: Task<Void, any Error>
    ) {
        self.emulator = emulator
        self.url = url
        self.port = port
        self.operatorCredentials = operatorCredentials
        self.task = task
    }

    /// Starts an emulator and returns once it listens.
    /// - Parameters:
    ///   - configuration: flags and limits; `port` 0 picks a free port.
    ///   - clock: the clock to use; see `Emulator.make`.
    ///   - logger: where the emulator logs.
    /// - Throws: `EmulatorStartupError` when the state cannot be opened or the port cannot be bound.
    public static func start(
        configuration: EmulatorConfiguration = EmulatorConfiguration(), clock: (any EmulatorClock)? = nil,
        logger: Logger = Logger(label: "dfns-emulator")
    ) async throws -> EmulatorServer {
        let emulator = try await Emulator.make(configuration: configuration, clock: clock, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = emulator.buildApplication { port in continuation.yield(port) }
        let task = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let port = bound else {
            let reason: String
            switch await task.result {
            case .failure(let error): reason = "\(error)"
            case .success: reason = "the server stopped before it listened"
            }
            throw EmulatorStartupError(
                "cannot listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        let url = "http://\(configuration.host):\(port)"
        let credentials = try await emulator.operatorCredentials(apiURL: url)
        return EmulatorServer(emulator: emulator, url: url, port: port, operatorCredentials: credentials, task: task)
    }

    /// Stops the server and waits for it to finish.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}
