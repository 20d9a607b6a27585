import Foundation

/// What a plugin name may be: lowercase letters, digits and `-`, starting with a letter — a name, never a path.
public enum PluginName {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase, name.count <= 63 else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// The exec-store plugins the machine running dfnsops trusts: executables named `dfnsops-store-<name>` in the
/// directories of `DFNSOPS_PLUGIN_PATH` (colon-separated, like `PATH`). The variable is set where dfnsops runs
/// (a CI job's environment, a runner's image) — a pull request that edits manifests cannot change it, so a manifest
/// can only name a program someone already installed and trusted, in the manner of git's credential helpers.
public struct TrustedPlugins: Sendable, Hashable {
    /// The environment variable listing the plugin directories.
    public static let pathVariable = "DFNSOPS_PLUGIN_PATH"
    /// The file name prefix of a plugin executable.
    public static let prefix = "dfnsops-store-"

    /// The directories searched, in order.
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The directories of `DFNSOPS_PLUGIN_PATH` in `environment`; relative entries are ignored, as a checkout's
    /// own folders are not a trusted place.
    public init(environment: [String: String]) {
        let listed = environment[Self.pathVariable]?.split(separator: ":").map(String.init) ?? []
        self.init(directories: listed.filter { $0.hasPrefix("/") })
    }

    /// The executable for `plugin`: the first regular, executable `dfnsops-store-<plugin>` in the directories.
    public func executable(for plugin: String) -> String? {
        guard PluginName.isValid(plugin) else { return nil }
        let manager = FileManager.default
        for directory in directories {
            let path = (directory as NSString).appendingPathComponent(Self.prefix + plugin)
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                manager.isExecutableFile(atPath: path)
            {
                return path
            }
        }
        return nil
    }

    /// Errors for exec stores whose plugin is not installed in a trusted directory.
    func diagnostics(for stores: [Declared<SecretStoreSpec>]) -> [Diagnostic] {
        stores.compactMap { store in
            guard case .exec(let plugin, _, _) = store.backend, PluginName.isValid(plugin),
                executable(for: plugin) == nil
            else { return nil }
            let searched =
                directories.isEmpty
                ? "\(Self.pathVariable) is not set" : "searched \(directories.joined(separator: ", "))"
            return .error(
                .untrustedPlugin,
                "SecretStore '\(store.name)' names the plugin '\(plugin)', which is not installed where dfnsops "
                    + "trusts plugins (\(searched)); nothing was run",
                at: store.origin.location(of: "spec.exec.plugin"),
                hint: "install an executable named \(Self.prefix)\(plugin) in a directory listed in "
                    + "\(Self.pathVariable), set by the machine or CI job that runs dfnsops")
        }
    }
}
