import ArgumentParser

/// Options shared by every command that talks to Dfns.
struct ConnectionOptions: ParsableArguments {
    @Flag(
        help: """
            Run against a built-in Dfns emulator with state in .dfnsops/sandbox/ (created on first use, with an \
            operator and file secret stores), instead of the organisation named by DFNS_API_URL.
            """)
    var sandbox = false

    @Option(help: "Requests per minute sent to Dfns (0 = no pacing).")
    var rateLimit = 1000
}
