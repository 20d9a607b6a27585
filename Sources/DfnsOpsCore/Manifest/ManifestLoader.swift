import Foundation

/// Finds and reads manifest files: the only part of manifest handling that touches the disk.
///
/// Directories are searched recursively for `*.yaml` and `*.yml`, skipping hidden entries; files are returned in
/// sorted path order, each once.
public struct ManifestLoader: Sendable {
    /// Creates a loader.
    public init() {}

    /// Reads every manifest file under `paths`.
    ///
    /// - Parameter paths: files or directories, as the user gave them.
    /// - Returns: the files' texts, and diagnostics for paths that do not exist, cannot be read, are not UTF-8, or
    ///   hold no manifest files.
    public func load(_ paths: [String]) -> (sources: [ManifestSource], diagnostics: [Diagnostic]) {
        var sources: [ManifestSource] = []
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    .error(
                        .unreadableInput,
                        "cannot read '\(path)': no such file or directory",
                        at: nil,
                        hint: "pass a manifest file or a directory of *.yaml files"
                    )
                )
                continue
            }
            let files = isDirectory.boolValue ? manifestFiles(under: path) : [path]
            if isDirectory.boolValue, files.isEmpty {
                diagnostics.append(
                    .error(
                        .unreadableInput,
                        "no manifest files (*.yaml, *.yml) under '\(path)'",
                        at: nil,
                        hint: "check the path"
                    )
                )
            }
            for file in files {
                let key = URL(fileURLWithPath: file).standardizedFileURL.path
                guard seen.insert(key).inserted else { continue }
                guard let data = fileManager.contents(atPath: file) else {
                    diagnostics.append(
                        .error(.unreadableInput, "cannot read '\(file)'", at: nil, hint: "check its permissions"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    diagnostics.append(
                        .error(
                            .unreadableInput,
                            "'\(file)' is not UTF-8 text",
                            at: SourceLocation(file: file, line: 1, column: 1),
                            hint: "save the file as UTF-8"
                        )
                    )
                    continue
                }
                sources.append(ManifestSource(path: file, text: text))
            }
        }
        return (sources, diagnostics)
    }

    /// The manifest files under `directory`, recursively, in sorted order.
    public func manifestFiles(under directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        guard
            let enumerator = FileManager.default.enumerator(
                at: base,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            )
        else { return [] }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let basePath = base.standardizedFileURL.path
        var files: [String] = []
        for case let url as URL in enumerator {
            let ext = url.pathExtension
            guard ext == "yaml" || ext == "yml",
                (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(basePath + "/") else { continue }
            files.append(prefix + full.dropFirst(basePath.count + 1))
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
