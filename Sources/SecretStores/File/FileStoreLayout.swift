/// The names the file store uses inside an entry's folder.
///
/// All of them start with `@`, a character entry path components cannot contain, so bookkeeping files never
/// collide with the folders of nested entries.
enum FileStoreLayout {
    /// The labels record (an ``EntryIndex``).
    static let labelsFileName = "@labels.json"
    /// The file the entry's advisory lock (`flock`) is taken on.
    static let lockFileName = "@lock"
    /// The prefix of temporary files; leftovers from a crash are removed under the lock.
    static let temporaryFilePrefix = "@tmp."
    /// The prefix of version files: `@v<number>.json`.
    static let versionFilePrefix = "@v"
    /// The suffix of version files.
    static let versionFileSuffix = ".json"

    /// The file name of a version.
    static func versionFileName(_ version: Int) -> String {
        versionFilePrefix + String(version) + versionFileSuffix
    }

    /// The version number a file name holds, or `nil` when it is not a version file.
    static func version(fromFileName name: String) -> Int? {
        guard name.hasPrefix(versionFilePrefix), name.hasSuffix(versionFileSuffix) else { return nil }
        let digits = name.dropFirst(versionFilePrefix.count).dropLast(versionFileSuffix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Tells whether a name is one of the store's bookkeeping names rather than a nested entry's folder.
    static func isBookkeeping(_ name: String) -> Bool {
        name.hasPrefix("@")
    }
}
