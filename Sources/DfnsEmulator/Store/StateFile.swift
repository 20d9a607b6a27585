import Foundation

/// Reads and atomically writes the `--state` file: temporary file, fsync, rename.
struct StateFile: Sendable {
    /// The state file's path.
    let path: String

    /// Loads the state, or nil when the file does not exist yet.
    /// - Throws: `EmulatorStartupError` when the file exists but is not a state file.
    func load() throws -> EmulatorState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try EmulatorState.decoder.decode(EmulatorState.self, from: data)
        } catch {
            throw EmulatorStartupError(
                "cannot read the state file \(path): \(error). Delete it to start afresh, or point --state elsewhere")
        }
    }

    /// Writes the state so that a crash leaves either the old file or the new one, never a torn one.
    /// - Throws: `EmulatorStartupError` naming the step that failed.
    func save(_ state: EmulatorState) throws {
        try PrivateFile.write(try EmulatorState.encoder.encode(state), to: path)
    }
}
