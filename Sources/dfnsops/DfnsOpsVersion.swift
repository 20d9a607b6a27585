/// The version dfnsops reports (in SARIF and `--version`).
enum DfnsOpsVersion {
    static let current = "0.1.0"
}
