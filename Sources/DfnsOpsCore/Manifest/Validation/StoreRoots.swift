import Foundation

/// The directories a file SecretStore may live in: the working directory (where the repository is checked out) and
/// the directories the machine running dfnsops names with `--store-root` or `DFNSOPS_STORE_ROOTS` (colon-separated
/// absolute paths). A pull request can change a manifest but neither of those, so it cannot point a store at
/// `~/.ssh`, another checkout's store or `/etc` and have `plan` or `drift` open it.
///
/// Paths are compared after resolving `.`, `..` and the symbolic links of the part that exists, so neither
/// `../escape` nor a link in the checkout (`stores -> /home/ci`) gets out.
public struct StoreRoots: Sendable, Hashable {
    /// The environment variable listing further roots.
    public static let variable = "DFNSOPS_STORE_ROOTS"
    /// The command-line option naming one further root.
    public static let option = "--store-root"

    /// The directory relative store directories are resolved against; always allowed.
    public var workingDirectory: String
    /// The allowed directories, absolute, the working directory first.
    public var roots: [String]

    /// Allows `workingDirectory` and `additional` (relative entries are taken from the working directory).
    public init(workingDirectory: String, additional: [String] = []) {
        self.workingDirectory = workingDirectory
        self.roots =
            [workingDirectory]
            + additional.filter { !$0.isEmpty }.map { Self.absolute($0, in: workingDirectory) }
    }

    /// Allows `workingDirectory`, the `--store-root` directories `options` (trusted: the command line is the
    /// caller's), and the absolute directories of `DFNSOPS_STORE_ROOTS` in `environment`; relative entries of the
    /// variable are ignored, as they would mean whatever directory dfnsops happens to run in.
    public init(workingDirectory: String, options: [String], environment: [String: String]) {
        let listed = environment[Self.variable]?.split(separator: ":").map(String.init) ?? []
        self.init(workingDirectory: workingDirectory, additional: options + listed.filter { $0.hasPrefix("/") })
    }

    /// Whether the file-store `directory` (relative to the working directory) lies inside a root, once both are
    /// resolved; false when the path cannot be resolved (a loop of links).
    public func allows(_ directory: String) -> Bool {
        guard let resolved = Self.resolved(Self.absolute(directory, in: workingDirectory)) else { return false }
        return roots.contains { root in
            guard let root = Self.resolved(root) else { return false }
            return root == "/" || resolved == root || resolved.hasPrefix(root + "/")
        }
    }

    /// Errors for file stores whose directory is outside every root.
    func diagnostics(for stores: [Declared<SecretStoreSpec>]) -> [Diagnostic] {
        stores.compactMap { store in
            guard case .file(let directory) = store.backend, !allows(directory) else { return nil }
            return .error(
                .storeOutsideRoots,
                "SecretStore '\(store.name)' keeps its files in '\(directory)', which is outside the directories "
                    + "dfnsops allows stores in (after resolving '..' and symbolic links; allowed: "
                    + "\(roots.joined(separator: ", "))); nothing was opened",
                at: store.origin.location(of: "spec.file.directory"),
                hint: "keep the store under the working directory, or allow its directory where dfnsops runs: "
                    + "\(Self.option) DIR on the command line or \(Self.variable) (colon-separated absolute paths) "
                    + "in the job's environment")
        }
    }

    /// `path` made absolute against `directory`.
    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// The most links followed while resolving one path, as the kernel's `MAXSYMLINKS`.
    static let linkLimit = 40

    /// The absolute `path` with `.`, `..` and empty components removed and every symbolic link among its existing
    /// components replaced by its target, component by component (so `link/..` is the parent of the link's target,
    /// as the kernel sees it). Components that do not exist are kept as written. Nil after too many links.
    static func resolved(_ path: String) -> String? {
        let manager = FileManager.default
        var resolved: [Substring] = []
        var pending = Array(path.split(separator: "/").reversed())
        var links = 0
        while let component = pending.popLast() {
            switch component {
            case ".":
                continue
            case "..":
                _ = resolved.popLast()
            default:
                let candidate = "/" + (resolved + [component]).joined(separator: "/")
                guard let target = try? manager.destinationOfSymbolicLink(atPath: candidate) else {
                    resolved.append(component)
                    continue
                }
                links += 1
                guard links <= linkLimit else { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending += target.split(separator: "/").reversed()
            }
        }
        return "/" + resolved.joined(separator: "/")
    }
}
