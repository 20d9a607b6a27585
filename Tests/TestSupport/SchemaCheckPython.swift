import Foundation

/// The Python that the JSON Schema tests run: `.build/venv` with `jsonschema` and PyYAML.
///
/// A plain `swift test` sets it up itself: the first test that needs it runs `scripts/schema-check/setup-venv.sh`
/// (once per test process; the script holds a lock, so test processes started together do not race), and every
/// later one reuses the result. When it cannot be set up, each test that needs it fails with the reason and the
/// command to run — it never skips.
package enum SchemaCheckPython {
    /// `.build/venv/bin/python` in the package.
    package static let python = BuiltProducts.packageRoot.appendingPathComponent(".build/venv/bin/python")
    /// The script that creates the venv.
    package static let setupScript = BuiltProducts.packageRoot.appendingPathComponent(
        "scripts/schema-check/setup-venv.sh")

    /// The venv could not be set up.
    package struct Unavailable: Error, CustomStringConvertible {
        package var description: String
    }

    /// The venv's Python, set up first when needed.
    /// - Throws: ``Unavailable`` saying what is missing and how to fix it.
    package static func path() async throws -> URL {
        try await setup.value.get()
        return python
    }

    /// The one setup of this process, started by the first caller.
    private static let setup = Task { await runSetup() }

    private static func runSetup() async -> Result<Void, Unavailable> {
        let result: CommandResult
        do {
            result = try await CommandRunner.run("/bin/bash", [setupScript.path])
        } catch {
            return .failure(Unavailable(description: "cannot run \(setupScript.path): \(error)" + howToFix))
        }
        guard result.status == 0 else {
            let output = (result.stdoutText + result.stderrText).suffix(2_000)
            return .failure(
                Unavailable(
                    description: "the schema tests need .build/venv with jsonschema and PyYAML, and "
                        + "scripts/schema-check/setup-venv.sh could not create it (exit \(result.status)):\n"
                        + output + howToFix))
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            return .failure(
                Unavailable(description: "setup-venv.sh succeeded but \(python.path) is missing" + howToFix))
        }
        return .success(())
    }

    private static let howToFix = """

        Fix: run `bash scripts/schema-check/setup-venv.sh` in the package root and read its error. It needs python3 \
        with the venv module (Debian/Ubuntu: apt-get install python3-venv) and pip access to jsonschema and PyYAML \
        (the network, or a wheel directory in pip's find-links).
        """
}
