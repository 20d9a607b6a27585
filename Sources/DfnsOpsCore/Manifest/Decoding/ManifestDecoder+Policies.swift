extension ManifestDecoder {
    mutating func decodePasskeyPolicy(_ view: MappingView) -> PasskeyPolicySpec {
        let users = passkeyUsers(view)
        return PasskeyPolicySpec(
            users: users ?? .usernames([]),
            minActive: integer(view, "minActive", in: 1...Int.max) ?? 1,
            maxAge: duration(view, "maxAge"),
            requireActiveUser: bool(view, "requireActiveUser") ?? true,
            enforce: bool(view, "enforce") ?? false
        )
    }

    private mutating func passkeyUsers(_ view: MappingView) -> PasskeyUserSelector? {
        guard let users = submapping(view, "users", allowed: ["usernames", "allCustomerEmployees"], required: true)
        else { return nil }
        let usernames = stringList(users, "usernames", nonEmpty: true)
        let all = bool(users, "allCustomerEmployees")
        if users.has("usernames"), let allEntry = users.entry("allCustomerEmployees") {
            report(
                .conflictingFields,
                "spec.users sets both usernames and allCustomerEmployees",
                at: allEntry.keyLocation,
                hint: "keep one: a list of usernames, or allCustomerEmployees: true"
            )
            return nil
        }
        if let usernames { return .usernames(usernames.map(\.0)) }
        if all == true { return .allCustomerEmployees }
        if all == false, let location = users.entry("allCustomerEmployees")?.value.location {
            report(
                .invalidValue,
                "spec.users.allCustomerEmployees: false selects nobody",
                at: location,
                hint: "list usernames instead, or set allCustomerEmployees: true"
            )
            return nil
        }
        if !users.has("usernames"), !users.has("allCustomerEmployees") {
            report(
                .missingField,
                "spec.users must set usernames or allCustomerEmployees",
                at: users.location,
                hint: "for example 'usernames: [alice@example.com]' or 'allCustomerEmployees: true'"
            )
        }
        return nil
    }

    mutating func decodeSecretStore(_ view: MappingView) -> SecretStoreSpec {
        let type = value(view, "type", required: true)
        let typeName = type.flatMap { entry in
            enumeration(entry.value, path: "spec.type", as: SecretStoreType.self)
        }
        var backend = SecretStoreSpec.Backend.file(directory: "")
        let file = submapping(view, "file", allowed: ["directory"])
        let exec = submapping(view, "exec", allowed: ["plugin", "args", "timeout", "command"])
        let directory = file.flatMap { string($0, "directory", required: true) }
        if let command = exec?.entry("command") {
            report(
                .unknownField,
                "spec.exec.command is not accepted: a manifest never chooses a program to run",
                at: command.keyLocation,
                hint: "install the program as dfnsops-store-<name> in a directory on DFNSOPS_PLUGIN_PATH (set where "
                    + "dfnsops runs, not in the repository) and write 'exec: {plugin: <name>}'")
        }
        let plugin = exec.flatMap { string($0, "plugin", required: exec?.entry("command") == nil) }
        if let plugin, let entry = exec?.entry("plugin"), !PluginName.isValid(plugin) {
            report(
                .invalidValue, "spec.exec.plugin \(Excerpt.quoted(plugin)) is not a plugin name",
                at: entry.value.location,
                hint: "a plugin name is lowercase letters, digits and '-', such as 'vault'; never a path")
        }
        let arguments = exec.flatMap { stringList($0, "args", unique: false) }
        let timeout = exec.flatMap { duration($0, "timeout") }
        switch typeName {
        case .file:
            backend = .file(directory: directory ?? "")
            requireSection("file", for: "file", in: view, forbidding: "exec")
        case .exec:
            backend = .exec(plugin: plugin ?? "", arguments: arguments?.map(\.0) ?? [], timeout: timeout)
            requireSection("exec", for: "exec", in: view, forbidding: "file")
        case nil:
            break
        }
        return SecretStoreSpec(backend: backend)
    }

    private mutating func requireSection(
        _ section: String,
        for type: String,
        in view: MappingView,
        forbidding other: String
    ) {
        if !view.has(section) {
            report(
                .missingField,
                "missing required field \(Excerpt.quoted(section)) in spec (type: \(type))",
                at: view.entry("type")?.keyLocation ?? view.location,
                hint: section == "file"
                    ? "add 'file: {directory: .dfnsops/secrets}'" : "add 'exec: {plugin: vault}'"
            )
        }
        if let entry = view.entry(other) {
            report(
                .conflictingFields,
                "spec.\(other) does not apply to a store of type \(type)",
                at: entry.keyLocation,
                hint: "remove spec.\(other), or set type: \(other)"
            )
        }
    }
}

/// The `type` of a SecretStore.
enum SecretStoreType: String, CaseIterable {
    case file
    case exec
}
