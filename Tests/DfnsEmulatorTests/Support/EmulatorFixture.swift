import DfnsAPI
import Foundation
import Hummingbird
import HummingbirdTesting

@testable import DfnsEmulator

/// An emulator with a manual clock and the admin API, for router tests.
struct EmulatorFixture: Sendable {
    let emulator: Emulator
    let clock: ManualEmulatorClock
    let operatorPrincipal: Principal
    let operatorCredentials: OperatorCredentials

    static func make(_ configure: (inout EmulatorConfiguration) throws -> Void = { _ in }) async throws
        -> EmulatorFixture
    {
        var configuration = EmulatorConfiguration(adminEnabled: true)
        try configure(&configuration)
        let clock = ManualEmulatorClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let emulator = try await Emulator.make(configuration: configuration, clock: clock)
        let credentials = try await emulator.operatorCredentials()
        return EmulatorFixture(
            emulator: emulator, clock: clock, operatorPrincipal: try Principal(credentials),
            operatorCredentials: credentials)
    }

    /// Runs `body` against the router in-process.
    func test<Value: Sendable>(
        _ body: @Sendable (DfnsTestClient) async throws -> Value
    ) async throws -> Value {
        try await emulator.buildApplication().test(.router) { client in try await body(DfnsTestClient(client: client)) }
    }

    /// Runs `body` against a real server on a loopback port.
    func testLive<Value: Sendable>(
        _ body: @Sendable (DfnsTestClient) async throws -> Value
    ) async throws -> Value {
        try await emulator.buildApplication().test(.live) { client in try await body(DfnsTestClient(client: client)) }
    }
}
