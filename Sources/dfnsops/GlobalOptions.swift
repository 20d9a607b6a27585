import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Options every command shares, included with `@OptionGroup`.
struct GlobalOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-color"),
        help: "Never colour the output (colour is used only on a terminal, and never when NO_COLOR is set).")
    var noColor = false

    @Option(
        name: .customLong("store-root"),
        help: ArgumentHelp(
            "Also allow file SecretStores in DIR (repeatable); the working directory and DFNSOPS_STORE_ROOTS are "
                + "always allowed.",
            valueName: "DIR"))
    var storeRoots: [String] = []

    /// Whether output written to `descriptor` should be coloured: a terminal, no `NO_COLOR`, no `--no-color`.
    ///
    /// - Parameter descriptor: the file descriptor written to, `STDOUT_FILENO` or `STDERR_FILENO`.
    func usesColour(on descriptor: Int32) -> Bool {
        guard !noColor, isatty(descriptor) == 1 else { return false }
        guard let noColour = getenv("NO_COLOR") else { return true }
        return String(cString: noColour).isEmpty
    }
}
