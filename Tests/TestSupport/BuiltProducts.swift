import Foundation

/// Finds the executables SwiftPM built (`dfnsops`, `dfns-emulator`, …) for end-to-end tests.
///
/// Looks next to the running test bundle first (so `--build-path` and release builds work), then in the
/// package's `.build/debug`. A missing binary is an error with the command that builds it, never a skip.
package enum BuiltProducts {
    /// The package root, derived from this file's location (`Tests/TestSupport/BuiltProducts.swift`).
    package static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A built product that could not be found.
    package struct MissingProduct: Error, CustomStringConvertible {
        package var name: String
        package var searched: [String]

        package var description: String {
            "the built '\(name)' executable is missing (looked in \(searched.joined(separator: ", "))); "
                + "build it first: swift build --build-tests (or swift build --product \(name))"
        }
    }

    /// The directories searched, in order: the test bundle's directory, then `.build/debug`.
    package static var searchDirectories: [URL] {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            var directory = executable.deletingLastPathComponent()
            // On macOS the test runner sits inside `X.xctest/Contents/MacOS`; the products are beside the bundle.
            while directory.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
                directory = directory.deletingLastPathComponent()
            }
            directories.append(directory)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
        }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        var seen: Set<String> = []
        return directories.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// The path of the built executable `name`.
    /// - Throws: ``MissingProduct`` naming where it looked and how to build it.
    package static func executable(_ name: String) throws -> URL {
        let directories = searchDirectories
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw MissingProduct(name: name, searched: directories.map(\.path))
    }

    /// The built `dfnsops` CLI.
    package static func dfnsops() throws -> URL { try executable("dfnsops") }

    /// The built `dfns-emulator` server.
    package static func emulator() throws -> URL { try executable("dfns-emulator") }
}
