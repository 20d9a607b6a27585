import DfnsOpsCore
import SecretStores

/// The declared secret stores a `dfnsops secrets` command works on, narrowed by `--store`, opened the way
/// ``SecretStoreFactory`` opens them (with `--sandbox`, file stores under `.dfnsops/sandbox/stores/<name>`).
struct SecretStoreSelection {
    /// One opened store with the names people see.
    struct Store {
        /// The SecretStore manifest's name.
        let name: String
        /// Where its secrets are, for people: `file .dfnsops/secrets`, `exec /opt/plugin arg`, or the sandbox path.
        let location: String
        /// The backend: `file` or `exec`.
        let backend: String
        /// The opened store, or why it could not be opened.
        let opened: Result<any SecretStore, SecretsCommandError>

        /// The opened store.
        ///
        /// - Throws: ``SecretsCommandError`` when it could not be opened.
        func store() throws(SecretsCommandError) -> any SecretStore {
            try opened.get()
        }
    }

    /// The selected stores, in declaration order.
    let stores: [Store]

    /// Opens every declared store, or only the one named `name`.
    ///
    /// Each store is opened on its own, and a store that cannot be opened is kept with its error, so that a
    /// broken store does not hide the others.
    ///
    /// - Parameters:
    ///   - desired: The validated manifests.
    ///   - name: The `--store` value, if given.
    ///   - sandbox: Whether to use the sandbox's file stores.
    /// - Returns: The opened stores.
    /// - Throws: ``SecretsCommandError`` (usage) for an unknown name.
    static func open(_ desired: DesiredState, only name: String?, sandbox: Bool) throws(SecretsCommandError)
        -> SecretStoreSelection
    {
        var declared = desired.secretStores
        if let name {
            guard let chosen = desired.secretStore(named: name) else {
                throw .usage("no SecretStore named `\(name)` is declared; \(declaredNames(desired)).")
            }
            declared = [chosen]
        }
        var stores: [Store] = []
        for store in declared {
            var one = desired
            one.secretStores = [store]
            let storeName = store.metadata.name
            let opened: Result<any SecretStore, SecretsCommandError>
            do {
                if let secretStore = try SecretStoreFactory.open(one, sandbox: sandbox)[storeName] {
                    opened = .success(secretStore)
                } else {
                    opened = .failure(.failure("secret store `\(storeName)` could not be opened."))
                }
            } catch {
                opened = .failure(.failure("cannot open secret store `\(storeName)`: \(error)"))
            }
            stores.append(
                Store(
                    name: storeName,
                    location: location(of: store, sandbox: sandbox),
                    backend: sandbox ? "file" : store.spec.backend.typeName,
                    opened: opened))
        }
        return SecretStoreSelection(stores: stores)
    }

    /// Opens the one store an export reads from: the `--store` one, or the only declared store.
    ///
    /// - Parameters:
    ///   - desired: The validated manifests.
    ///   - name: The `--store` value, if given.
    ///   - sandbox: Whether to use the sandbox's file stores.
    /// - Returns: The store (check ``Store/store()`` for an opening error).
    /// - Throws: ``SecretsCommandError``: usage when the name is unknown or several stores are declared and none
    ///   was named; failure when no store is declared.
    static func openOne(_ desired: DesiredState, named name: String?, sandbox: Bool) throws(SecretsCommandError)
        -> Store
    {
        if name == nil {
            switch desired.secretStores.count {
            case 0:
                throw .failure(
                    "the manifests declare no SecretStore, so there is nothing to export; "
                        + "declare one (see docs/manifests.md) or point --manifests at the right directory.")
            case 1:
                break
            default:
                throw .usage(
                    "the manifests declare \(desired.secretStores.count) secret stores; choose one with --store NAME "
                        + "(one of \(desired.secretStores.map { "`\($0.metadata.name)`" }.joined(separator: ", "))).")
            }
        }
        let selection = try open(desired, only: name, sandbox: sandbox)
        guard let store = selection.stores.first else {
            throw .failure("the secret store could not be opened.")
        }
        return store
    }

    /// Names the declared stores for an error message.
    ///
    /// - Parameter desired: The validated manifests.
    /// - Returns: `the manifests declare: `a`, `b`` or `the manifests declare none`.
    static func declaredNames(_ desired: DesiredState) -> String {
        let names = desired.secretStores.map { "`\($0.metadata.name)`" }
        return names.isEmpty
            ? "the manifests declare none" : "the manifests declare: \(names.joined(separator: ", "))"
    }

    private static func location(of store: Declared<SecretStoreSpec>, sandbox: Bool) -> String {
        if sandbox { return "file \(Sandbox.storesDirectory)/\(store.metadata.name) (sandbox)" }
        switch store.spec.backend {
        case .file(let directory): return "file \(directory)"
        case .exec(let plugin, let arguments, _): return "exec plugin \(([plugin] + arguments).joined(separator: " "))"
        }
    }
}
