import ArgumentParser

/// The exit codes every dfnsops command uses (docs/architecture.md, "Exit codes").
enum DfnsOpsExitCode: Int32, CaseIterable {
    /// Success; nothing to change (plan) or in sync (drift).
    case success = 0
    /// An error: invalid manifests, a failed request, an unreadable file.
    case error = 1
    /// Success, and there are changes (plan with `--detailed-exitcode`) or drift (drift).
    case changes = 2
    /// Refused by a safety guard, or a saved plan is stale.
    case refused = 3
    /// A usage error (ArgumentParser's `EX_USAGE`).
    case usage = 64

    /// The code as ArgumentParser's `ExitCode`, to throw from `run()`.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
