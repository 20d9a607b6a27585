import ArgumentParser

/// `--max-rotations`, which `plan` and `apply` share.
enum RotationLimit {
    /// The option's help; `apply` adds a reminder between the rule and the default.
    ///
    /// - Parameter note: A sentence to add, ending with a space.
    static func help(note: String = "") -> ArgumentHelp {
        ArgumentHelp(
            "At most this many rotations start in one run, the most overdue first; the rest wait. " + note
                + "(default: Settings' guards.maxRotations, else 10)", valueName: "n")
    }

    /// Refuses a negative `--max-rotations`.
    static func validate(_ maxRotations: Int?) throws {
        if let maxRotations, maxRotations < 0 { throw ValidationError("--max-rotations must not be negative") }
    }
}
