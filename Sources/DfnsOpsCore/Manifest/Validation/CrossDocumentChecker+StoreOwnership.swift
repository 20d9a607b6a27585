import Foundation

/// One owner per secret: a store entry holds the key, token or secret of one object, and a place on disk backs one
/// SecretStore. Two owners would overwrite each other's versions, and a rotation of one would retire the other's
/// key from the store while its object still uses it.
extension CrossDocumentChecker {
    /// Refuses two manifests whose secrets resolve to the same store and path (after Settings defaults).
    mutating func checkStoreEntries(_ state: DesiredState) {
        var owners: [StoreLocation: (address: ObjectAddress, at: SourceLocation)] = [:]
        let entries: [(ObjectAddress, ManifestOrigin, StoreReference?, String)] =
            state.keyedPrincipals.map { ($0.address, $0.origin, $0.store, "spec.store") }
            + state.webhooks.map { ($0.address, $0.origin, $0.secret.store, "spec.secret.store") }
        for (address, origin, reference, field) in entries {
            guard let reference else { continue }
            let location = StoreLocation(store: reference.ref, path: Self.normalised(entryPath: reference.path))
            let at = origin.fields["\(field).path"] ?? origin.nameLocation
            guard let owner = owners[location] else {
                owners[location] = (address, at)
                continue
            }
            report(
                .sharedStoreEntry,
                "\(address) keeps its secrets in \(location), which \(owner.address) already uses (\(owner.at)); "
                    + "one store entry holds the secrets of one object",
                at: at,
                hint: "give one of them its own \(field).path, or leave \(field) out to use the default path "
                    + "\(StoreReference.defaultPath(kind: address.kind, name: address.name))")
        }
    }

    /// Refuses two SecretStores backed by the same directory, or by the same plugin command.
    mutating func checkStoreLocations(_ stores: [Declared<SecretStoreSpec>]) {
        var owners: [String: Declared<SecretStoreSpec>] = [:]
        for store in stores {
            let key: String
            let field: String
            switch store.backend {
            case .file(let directory):
                key = "file:" + URL(fileURLWithPath: directory).standardizedFileURL.path
                field = "spec.file.directory"
            case .exec(let plugin, let arguments, _):
                key = "exec:" + ([plugin] + arguments).joined(separator: "\u{0}")
                field = "spec.exec.plugin"
            }
            guard let owner = owners[key] else {
                owners[key] = store
                continue
            }
            let what = field == "spec.file.directory" ? "directory" : "plugin and arguments"
            report(
                .sharedStoreLocation,
                "SecretStore '\(store.name)' uses the same \(what) as SecretStore '\(owner.name)' "
                    + "(\(owner.origin.location(of: field))); two stores over one place would mix their entries",
                at: store.origin.location(of: field),
                hint: "point one of them elsewhere, or keep one SecretStore and refer to it from both manifests")
        }
    }

    /// An entry path without empty or `.` components, so `a//b` and `./a/b` are seen as `a/b`.
    static func normalised(entryPath: String) -> String {
        entryPath.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}
