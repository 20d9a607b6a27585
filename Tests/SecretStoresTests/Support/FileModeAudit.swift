import Foundation

/// Walks a directory tree and reports every folder that is not 0700, every file that is not 0600, and every
/// symbolic link.
enum FileModeAudit {
    static func violations(under root: String) -> [String] {
        var problems: [String] = []
        func visit(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else {
                problems.append("\(path): cannot stat")
                return
            }
            let mode = info.st_mode & 0o7777
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if mode != 0o700 { problems.append("\(path): folder mode \(String(mode, radix: 8))") }
                for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                    visit(path + "/" + name)
                }
            case S_IFREG:
                if mode != 0o600 { problems.append("\(path): file mode \(String(mode, radix: 8))") }
            default:
                problems.append("\(path): neither a file nor a folder")
            }
        }
        visit(root)
        return problems
    }
}
