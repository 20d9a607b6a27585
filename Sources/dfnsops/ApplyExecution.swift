import DfnsAPI
import DfnsOpsCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The part of `apply` that `rotate` shares: confirmation, execution with progress lines, the report, the exit code.
enum ApplyExecution {
    /// Asks `Apply N actions? [y/N]` on a terminal; returns the exit code to stop with, or nil to go on.
    static func confirm(_ plan: Plan, autoApprove: Bool) -> DfnsOpsExitCode? {
        guard !plan.isEmpty, !autoApprove else { return nil }
        guard isatty(STDIN_FILENO) == 1 else {
            StandardStreams.err(
                "Refusing to apply: standard input is not a terminal, so there is nobody to confirm. "
                    + "Pass --auto-approve (for CI), or apply a reviewed plan file.\n")
            return .error
        }
        StandardStreams.err("Apply \(plan.actions.count) action\(plan.actions.count == 1 ? "" : "s")? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            StandardStreams.err("Nothing applied.\n")
            return .error
        }
        return nil
    }

    /// Writes the JSON report of a run with nothing to do: one report per run, even then, since auditors keep them as
    /// CI artifacts.
    static func writeEmptyReport(_ plan: Plan, context: CommandContext) throws {
        let report = ApplyReport(
            startedAt: context.now(), finishedAt: context.now(), plan: plan,
            operatorFingerprint: context.client.configuration.identity.signer?.privateKey.publicKey.fingerprint,
            lock: context.lockLocation, results: [])
        StandardStreams.out(try ApplyReportJSON.render(report))
    }

    /// Executes the plan, prints progress and the report, and returns the exit code (nil for success).
    static func run(
        _ plan: Plan, live: LiveState?, context: CommandContext, parallelism: Int, json: Bool, colour: Bool
    ) async throws -> DfnsOpsExitCode? {
        let (identity, now) = (context.client.configuration.identity, context.now)
        if plan.isEmpty {
            StandardStreams.err("No changes. The organisation matches the manifests.\n")
            if json { try writeEmptyReport(plan, context: context) }
            return nil
        }
        let started = now()
        let progress = ApplyProgressPrinter(
            total: plan.actions.count, style: TerminalStyle(enabled: colour), live: isatty(STDERR_FILENO) == 1)
        let engine = ApplyEngine(
            client: context.client, desired: context.desired, stores: context.stores, parallelism: parallelism,
            operatorToken: identity.token, now: now)
        let results = await engine.apply(plan, live: live) { event in progress.handle(event) }
        let report = ApplyReport(
            startedAt: started, finishedAt: now(), plan: plan,
            operatorFingerprint: identity.signer?.privateKey.publicKey.fingerprint, lock: context.lockLocation,
            results: results)
        StandardStreams.out(json ? try ApplyReportJSON.render(report) : ApplyReportText.render(report))
        let counts = report.counts
        if (counts[.failed] ?? 0) + (counts[.skipped] ?? 0) > 0 { return .error }
        if (counts[.blocked] ?? 0) > 0 { return .refused }
        if (counts[.pendingApproval] ?? 0) > 0 { return .changes }
        return nil
    }
}
