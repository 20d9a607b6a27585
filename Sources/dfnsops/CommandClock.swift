import ArgumentParser
import Foundation

/// The time the commands that plan, apply and rotate decide with.
///
/// The wall clock, unless `DFNSOPS_NOW` holds an ISO 8601 time (`2026-12-01T02:00:00Z`): then every rotation age,
/// overlap and retain period, every secret-store version stamp and the reference receiver's replay window use
/// that fixed time. It is a testing aid, for driving a rotation across days against `dfns-emulator
/// --manual-clock` (keep the emulator's clock at the same time); only the CLI reads it, the core takes a `now`
/// closure.
enum CommandClock {
    /// The environment variable that fixes the time.
    static let variable = "DFNSOPS_NOW"

    /// The clock to use, from the process environment.
    /// - Throws: `ValidationError` when `DFNSOPS_NOW` is set but is not an ISO 8601 time.
    static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> @Sendable () -> Date {
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return { Date() }
        }
        guard let fixed = parse(text) else {
            throw ValidationError(
                "\(variable) is '\(text)', not an ISO 8601 time such as 2026-12-01T02:00:00Z; unset it to use the "
                    + "wall clock")
        }
        return { fixed }
    }

    /// Parses an ISO 8601 time with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
