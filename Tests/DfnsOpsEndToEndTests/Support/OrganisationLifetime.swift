import TestSupport

/// Runs `body` with the organisation `start` makes, and stops its emulator afterwards, whether `body` returns or
/// throws.
func withOrganisation<Organisation, Value>(
    _ start: () async throws -> Organisation, emulator: (Organisation) -> EmulatorProcess,
    _ body: (Organisation) async throws -> Value
) async throws -> Value {
    let organisation = try await start()
    do {
        let value = try await body(organisation)
        await emulator(organisation).stop()
        return value
    } catch {
        await emulator(organisation).stop()
        throw error
    }
}
