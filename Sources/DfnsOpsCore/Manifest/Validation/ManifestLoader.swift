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
        // A symbolic link may point anywhere — at a key beside the checkout, say. Files are read only where they
        // really are inside a directory given, or beside a file given.
        let roots = paths.map { path -> String in
            var isDirectory: ObjCBool = false
            let directory =
                fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
                ? path : (path as NSString).deletingLastPathComponent
            return Self.realPath(directory.isEmpty ? "." : directory)
        }
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
                let real = Self.realPath(file)
                guard roots.contains(where: { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
                    diagnostics.append(
                        .error(
                            .unreadableInput,
                            "'\(file)' is a symbolic link to a file outside the manifest directories; it was not read",
                            at: nil,
                            hint: "copy the manifest into the directory instead of linking to it"
                        )
                    )
                    continue
                }
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

    /// The path with every symbolic link resolved (the path itself when it cannot be resolved).
    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The manifest files under `directory`, recursively, in sorted order, skipping hidden files and folders.
    public func manifestFiles(under directory: String) -> [String] {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: directory) else { return [] }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            var isDirectory: ObjCBool = false
            let path = prefix + relative
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            files.append(path)
        }
        return files.sorted()
    }
}
