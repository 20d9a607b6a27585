/// A failure of a `dfnsops secrets` command, with its exit code: a usage error (64) when the invocation must
/// change, an error (1) otherwise.
///
/// Messages name stores, entries, stages and files, never a secret value.
struct SecretsCommandError: Error, CustomStringConvertible {
    /// What is wrong and what to do, in one or two sentences.
    let message: String
    /// The exit code the command ends with.
    let exitCode: DfnsOpsExitCode

    /// The message.
    var description: String { message }

    /// A usage error (exit 64): the arguments or options must change.
    ///
    /// - Parameter message: What is wrong and what to do.
    /// - Returns: The error.
    static func usage(_ message: String) -> SecretsCommandError {
        SecretsCommandError(message: message, exitCode: .usage)
    }

    /// An error (exit 1): the store, the manifests or the file system stopped the command.
    ///
    /// - Parameter message: What is wrong and what to do.
    /// - Returns: The error.
    static func failure(_ message: String) -> SecretsCommandError {
        SecretsCommandError(message: message, exitCode: .error)
    }

    /// Prints the message on standard error and returns the exit code to throw.
    ///
    /// - Returns: The `ExitCode` for ArgumentParser.
    func report() -> any Error {
        StandardStreams.err("Error: \(message)\n")
        return exitCode.exitCode
    }
}
